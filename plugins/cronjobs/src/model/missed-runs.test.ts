import { describe, expect, it } from 'vitest';
import v1 from './fixtures/cronjob-batch-v1.json' with { type: 'json' };
import { missedRunWarnings } from './missed-runs.ts';
import { parseSchedule } from './schedule.ts';
import type { CronJob } from './types.ts';

const cron = (spec: NonNullable<CronJob['spec']>, status: CronJob['status'] = {}): CronJob => ({
  metadata: { name: 'x', uid: 'u', creationTimestamp: '2026-01-01T00:00:00Z' },
  spec,
  status,
});

describe('missedRunWarnings', () => {
  it('counts scheduled times that passed without a run since the last schedule', () => {
    const cronJob = cron({ schedule: '*/10 * * * *' }, { lastScheduleTime: '2026-01-01T00:00:00Z' });
    const warnings = missedRunWarnings(
      cronJob,
      parseSchedule('*/10 * * * *'),
      new Date('2026-01-01T00:35:00Z'),
    );
    expect(warnings).toEqual([
      '3 scheduled runs were missed since the last scheduled run (2026-01-01T00:00:00Z); the first at 2026-01-01T00:10:00.000Z.',
    ]);
  });

  it('says nothing when on time, within the grace minute, or suspended', () => {
    const cronJob = cron({ schedule: '*/10 * * * *' }, { lastScheduleTime: '2026-01-01T00:30:00Z' });
    expect(
      missedRunWarnings(cronJob, parseSchedule('*/10 * * * *'), new Date('2026-01-01T00:40:30Z')),
    ).toEqual([]);
    const suspended = cron(
      { schedule: '*/10 * * * *', suspend: true },
      { lastScheduleTime: '2026-01-01T00:00:00Z' },
    );
    expect(
      missedRunWarnings(suspended, parseSchedule('*/10 * * * *'), new Date('2026-01-02T00:00:00Z')),
    ).toEqual([]);
  });

  it('uses the creation time before the first run, and says more than 100', () => {
    const cronJob = cron({ schedule: '* * * * *' });
    const [warning] = missedRunWarnings(
      cronJob,
      parseSchedule('* * * * *'),
      new Date('2026-01-02T00:00:00Z'),
    );
    expect(warning).toMatch(/^More than 100 scheduled runs were missed since the CronJob was created/);
  });

  it('warns about a starting deadline shorter than the controller check interval', () => {
    const cronJob = cron(
      { schedule: '* * * * *', startingDeadlineSeconds: 5 },
      { lastScheduleTime: '2026-01-01T00:00:00Z' },
    );
    expect(missedRunWarnings(cronJob, parseSchedule('* * * * *'), new Date('2026-01-01T00:00:30Z'))).toEqual([
      "The starting deadline (5 s) is shorter than the 10 s between the controller's checks: runs can be missed.",
    ]);
  });

  it('reads a real batch/v1 CronJob (spec.timeZone, status.lastSuccessfulTime)', () => {
    const cronJob = v1 as CronJob;
    const schedule = parseSchedule(cronJob.spec?.schedule, cronJob.spec?.timeZone);
    expect(schedule.ok && schedule.timeZone).toBe('Europe/Berlin');
    const warnings = missedRunWarnings(cronJob, schedule, new Date('2024-06-03T12:00:00Z'));
    expect(warnings).toEqual([
      '2 scheduled runs were missed since the last scheduled run (2024-06-01T00:30:00Z); the first at 2024-06-02T00:30:00.000Z.',
    ]);
  });
});
