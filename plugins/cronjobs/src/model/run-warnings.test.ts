import { describe, expect, it } from 'vitest';
import { runWarnings } from './run-warnings.ts';
import type { CronJob } from './types.ts';

const cronJob = (spec: CronJob['spec'], active: string[] = []): CronJob => ({
  metadata: { name: 'backup', uid: 'u' },
  spec,
  status: { active: active.map((name) => ({ name })) },
});

describe('runWarnings', () => {
  it('says nothing for an active Allow CronJob', () => {
    expect(runWarnings(cronJob({ schedule: '* * * * *', concurrencyPolicy: 'Allow' }, ['backup-1']))).toEqual(
      [],
    );
  });
  it('warns that a manual run ignores suspend', () => {
    expect(runWarnings(cronJob({ suspend: true }))).toEqual([
      'backup is suspended: a manual run starts anyway (suspend only stops scheduled runs).',
    ]);
  });
  it('warns about Forbid only while a Job is running, naming it', () => {
    expect(runWarnings(cronJob({ concurrencyPolicy: 'Forbid' }))).toEqual([]);
    expect(runWarnings(cronJob({ concurrencyPolicy: 'Forbid' }, ['backup-29000']))).toEqual([
      'backup forbids concurrent runs and backup-29000 is running: a manual run ignores that and runs alongside it.',
    ]);
  });
  it('warns that Replace is not honoured', () => {
    expect(runWarnings(cronJob({ concurrencyPolicy: 'Replace', suspend: true }))).toHaveLength(2);
  });
});
