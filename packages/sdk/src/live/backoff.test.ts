import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

describe('backoffDelay', () => {
  const options = { initialMs: 100, maxMs: 5_000 };

  it('doubles the ceiling per attempt up to maxMs', () => {
    const justBelowOne = () => 0.999_999;
    expect(backoffDelay(0, options, justBelowOne)).toBe(99);
    expect(backoffDelay(1, options, justBelowOne)).toBe(199);
    expect(backoffDelay(4, options, justBelowOne)).toBe(1_599);
    expect(backoffDelay(6, options, justBelowOne)).toBe(4_999);
    expect(backoffDelay(10_000, options, justBelowOne)).toBe(4_999);
  });

  it('is full jitter: the whole range from 0 to the ceiling is used', () => {
    expect(backoffDelay(3, options, () => 0)).toBe(0);
    const delays = Array.from({ length: 2_000 }, () => backoffDelay(3, options));
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(800);
    }
    // Spread over the range, not bunched at one end.
    expect(delays.filter((d) => d < 200).length).toBeGreaterThan(200);
    expect(delays.filter((d) => d >= 600).length).toBeGreaterThan(200);
  });
});
