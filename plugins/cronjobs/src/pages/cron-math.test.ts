import { describe, expect, it, vi } from 'vitest';
import { parseSchedule } from '../model/schedule.ts';
import { createNextRun, formatInZone } from './cron-math.ts';

describe('createNextRun', () => {
  it('gives the next run after now and computes it once until that run has passed', () => {
    const parsed = parseSchedule('*/5 * * * *');
    if (!parsed.ok) throw new Error(parsed.problem);
    const spy = vi.spyOn(parsed, 'nextRuns');
    const next = createNextRun();
    const t0 = Date.parse('2026-01-01T00:01:00Z');
    expect(next(parsed, t0)?.toISOString()).toBe('2026-01-01T00:05:00.000Z');
    expect(next(parsed, t0 + 200_000)?.toISOString()).toBe('2026-01-01T00:05:00.000Z');
    expect(spy).toHaveBeenCalledTimes(1);
    expect(next(parsed, Date.parse('2026-01-01T00:05:00Z'))?.toISOString()).toBe('2026-01-01T00:10:00.000Z');
    expect(spy).toHaveBeenCalledTimes(2);
    // An earlier clock (another row's older tick) is computed afresh, never answered from the future.
    expect(next(parsed, t0)?.toISOString()).toBe('2026-01-01T00:05:00.000Z');
  });

  it('has no next run for an invalid schedule', () => {
    expect(createNextRun()(parseSchedule('nope'), Date.now())).toBeUndefined();
  });
});

describe('formatInZone', () => {
  it('names the zone and shows the time there', () => {
    const text = formatInZone(new Date('2026-01-01T00:00:00Z'), 'Asia/Tokyo');
    expect(text).toMatch(/09:00.*\(Asia\/Tokyo\)$/);
  });
});
