import { describe, expect, it } from 'vitest';
import { formatAge, formatDuration } from './age.ts';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('formatDuration', () => {
  it('prints like kubectl at every scale', () => {
    const cases: [number, string][] = [
      [0, '0s'],
      [-500, '0s'],
      [-5 * s, '<invalid>'],
      [59 * s, '59s'],
      [119 * s, '119s'],
      [2 * m, '2m'],
      [3 * m + 20 * s, '3m20s'],
      [10 * m + 20 * s, '10m'],
      [179 * m, '179m'],
      [3 * h, '3h'],
      [7 * h + 5 * m, '7h5m'],
      [8 * h + 5 * m, '8h'],
      [47 * h, '47h'],
      [2 * d + 2 * h, '2d2h'],
      [3 * d, '3d'],
      [8 * d + 5 * h, '8d'],
      [729 * d, '729d'],
      [2 * 365 * d + 30 * d, '2y30d'],
      [3 * 365 * d, '3y'],
      [9 * 365 * d + 40 * d, '9y'],
    ];
    for (const [ms, text] of cases) expect([ms, formatDuration(ms)]).toEqual([ms, text]);
  });
});

describe('formatAge', () => {
  it('is the time since the creation timestamp', () => {
    expect(formatAge('2024-01-01T00:00:00Z', Date.parse('2024-01-01T00:01:30Z'))).toBe('90s');
  });

  it('is empty without a valid timestamp', () => {
    expect(formatAge(undefined, Date.now())).toBe('');
    expect(formatAge('yesterday-ish', Date.now())).toBe('');
  });
});
