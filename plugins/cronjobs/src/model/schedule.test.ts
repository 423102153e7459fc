import { describe, expect, it } from 'vitest';
import { parseSchedule } from './schedule.ts';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const from = new Date('2026-01-01T00:00:00Z');

function ok(schedule: string, zone?: string) {
  const parsed = parseSchedule(schedule, zone);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed;
}

describe('parseSchedule', () => {
  it('explains and computes known schedules in UTC when no zone is set', () => {
    const s = ok('*/15 * * * *');
    expect(s.explanation).toBe('Every 15 minutes');
    expect(s.timeZone).toBe('UTC');
    expect(iso(s.nextRuns(3, from))).toEqual([
      '2026-01-01T00:15:00.000Z',
      '2026-01-01T00:30:00.000Z',
      '2026-01-01T00:45:00.000Z',
    ]);
    const weekly = ok('30 2 * * 1');
    expect(weekly.explanation).toBe('At 02:30, only on Monday');
    expect(iso(weekly.nextRuns(2, from))).toEqual(['2026-01-05T02:30:00.000Z', '2026-01-12T02:30:00.000Z']);
  });

  it('ORs day of month and day of week like the controller (Vixie cron)', () => {
    expect(iso(ok('0 0 13 * 5').nextRuns(2, from))).toEqual([
      '2026-01-02T00:00:00.000Z', // a Friday
      '2026-01-09T00:00:00.000Z', // a Friday, before the 13th
    ]);
  });

  it('computes runs in spec.timeZone and in a CRON_TZ= prefix', () => {
    const tokyo = ok('0 9 * * *', 'Asia/Tokyo');
    expect(tokyo.timeZone).toBe('Asia/Tokyo');
    expect(iso(tokyo.nextRuns(1, from))).toEqual(['2026-01-02T00:00:00.000Z']);
    const prefixed = ok('CRON_TZ=America/New_York 0 9 * * *');
    expect(prefixed.timeZone).toBe('America/New_York');
    expect(iso(prefixed.nextRuns(1, from))).toEqual(['2026-01-01T14:00:00.000Z']);
  });

  it('follows a DST change: 09:00 New York is 14:00 UTC before 8 March 2026 and 13:00 UTC after', () => {
    const s = ok('0 9 * * *', 'America/New_York');
    expect(iso(s.nextRuns(3, new Date('2026-03-07T00:00:00Z')))).toEqual([
      '2026-03-07T14:00:00.000Z',
      '2026-03-08T13:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
    ]);
  });

  it('runs exactly once on the day a local time does not exist (Berlin, 29 March 2026, 02:30)', () => {
    const runs = ok('30 2 * * *', 'Europe/Berlin').nextRuns(3, new Date('2026-03-28T00:00:00Z'));
    expect(iso(runs)).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
  });

  it('reads the controller descriptors (@hourly, @daily, @midnight, @weekly, @monthly, @yearly, @annually)', () => {
    expect(ok('@hourly').explanation).toBe('Every hour');
    expect(iso(ok('@hourly').nextRuns(1, from))).toEqual(['2026-01-01T01:00:00.000Z']);
    expect(iso(ok('@daily').nextRuns(1, from))).toEqual(['2026-01-02T00:00:00.000Z']);
    expect(iso(ok('@midnight').nextRuns(1, from))).toEqual(['2026-01-02T00:00:00.000Z']);
    expect(iso(ok('@weekly').nextRuns(1, from))).toEqual(['2026-01-04T00:00:00.000Z']);
    expect(iso(ok('@monthly').nextRuns(1, from))).toEqual(['2026-02-01T00:00:00.000Z']);
    expect(iso(ok('@yearly').nextRuns(1, from))).toEqual(['2027-01-01T00:00:00.000Z']);
    expect(iso(ok('@annually').nextRuns(1, from))).toEqual(['2027-01-01T00:00:00.000Z']);
    expect(ok('@every 1h30m').explanation).toBe('Every 1h30m');
  });

  it('accepts month and weekday names', () => {
    expect(ok('0 12 * JUL WED').explanation).toBe('At 12:00, only on Wednesday, only in July');
  });

  it.each([
    ['', 'it is empty'],
    ['* * * *', 'expected 5 fields'],
    ['0 * * * * *', 'expected 5 fields'],
    ['61 * * * *', 'minute'],
    ['0 0 L * *', 'not understood by the Kubernetes controller'],
    ['0 0 * * MON#2', 'not understood by the Kubernetes controller'],
    ['@fortnightly', 'unknown descriptor'],
    ['x y z a b', 'illegal characters'],
    ['<script>alert(1)</script> * * * *', 'invalid schedule'],
  ])('gives a clear "invalid schedule" text for %j, never a throw', (schedule, why) => {
    const parsed = parseSchedule(schedule);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problem).toMatch(/^invalid schedule/);
      expect(parsed.problem).toContain(why);
    }
  });

  it('reports an unknown time zone', () => {
    const parsed = parseSchedule('* * * * *', 'Mars/Olympus');
    expect(parsed).toEqual({
      ok: false,
      problem: 'invalid schedule "* * * * *": unknown time zone "Mars/Olympus"',
    });
  });
});
