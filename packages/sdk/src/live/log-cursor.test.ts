import { describe, expect, it } from 'vitest';
import {
  advanceCursor,
  createOverlapFilter,
  resumeMarginSeconds,
  resumeSinceSeconds,
  splitTimestamp,
} from './log-cursor.ts';

describe('splitTimestamp', () => {
  it('splits the kubelet timestamp and normalises it to 9 fraction digits in UTC', () => {
    expect(splitTimestamp('2025-01-02T03:04:05.123456789Z hello world')).toEqual({
      time: '2025-01-02T03:04:05.123456789',
      text: 'hello world',
    });
    expect(splitTimestamp('2025-01-02T03:04:05.5Z x')?.time).toBe('2025-01-02T03:04:05.500000000');
    expect(splitTimestamp('2025-01-02T03:04:05Z ')).toEqual({
      time: '2025-01-02T03:04:05.000000000',
      text: '',
    });
    expect(splitTimestamp('2025-01-02T05:04:05.1+02:00 x')?.time).toBe('2025-01-02T03:04:05.100000000');
    expect(splitTimestamp('no timestamp here')).toBeUndefined();
  });

  it('makes string order time order, unlike RFC3339Nano as written', () => {
    const a = splitTimestamp('2025-01-02T03:04:05.1Z a')!.time;
    const b = splitTimestamp('2025-01-02T03:04:05.12Z b')!.time;
    expect(a < b).toBe(true);
  });
});

describe('createOverlapFilter', () => {
  const t = (n: number) => `2025-01-01T00:00:0${n}.000000000`;

  it('drops lines before the cursor and as many at it as were delivered, then keeps everything', () => {
    let cursor = advanceCursor(undefined, t(1));
    cursor = advanceCursor(cursor, t(2));
    cursor = advanceCursor(cursor, t(2));
    expect(cursor).toEqual({ time: t(2), count: 2 });
    const isNew = createOverlapFilter(cursor);
    expect([t(1), t(2), t(2), t(2), t(3), t(1)].map(isNew)).toEqual([false, false, false, true, true, true]);
  });

  it('keeps a line without a timestamp and ends the overlap there', () => {
    const isNew = createOverlapFilter({ time: t(5), count: 1 });
    expect([t(4), undefined, t(4)].map(isNew)).toEqual([false, true, true]);
  });
});

describe('resumeSinceSeconds', () => {
  it('reaches back past the last line by the local time since it arrived plus the margin', () => {
    expect(resumeSinceSeconds(10_000, 12_500)).toBe(3 + resumeMarginSeconds);
    expect(resumeSinceSeconds(10_000, 10_000)).toBe(resumeMarginSeconds);
  });
});
