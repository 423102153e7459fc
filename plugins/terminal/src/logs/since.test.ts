import { describe, expect, it } from 'vitest';
import { sinceSecondsOf } from './since.ts';

describe('sinceSecondsOf', () => {
  it('gives presets as seconds and a custom time as seconds before now', () => {
    expect(sinceSecondsOf('', '', 0)).toBeUndefined();
    expect(sinceSecondsOf('300', '', 0)).toBe(300);
    expect(sinceSecondsOf('custom', '2024-05-01T10:00:00Z', Date.parse('2024-05-01T10:05:00.5Z'))).toBe(301);
  });
  it('ignores a missing, invalid or future custom time', () => {
    expect(sinceSecondsOf('custom', '', 1000)).toBeUndefined();
    expect(sinceSecondsOf('custom', 'not a time', 1000)).toBeUndefined();
    expect(
      sinceSecondsOf('custom', '2024-05-01T10:00:00Z', Date.parse('2024-05-01T09:00:00Z')),
    ).toBeUndefined();
  });
});
