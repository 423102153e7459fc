import { describe, expect, it } from 'vitest';
import { readThemeChoice } from './theme-choice.ts';

const stored = (value: string | null) => ({ getItem: () => value });

describe('readThemeChoice', () => {
  it('reads a remembered light or dark choice', () => {
    expect(readThemeChoice(stored('dark'))).toBe('dark');
    expect(readThemeChoice(stored('light'))).toBe('light');
  });

  it('follows the system when nothing, or something else, is stored, or storage throws', () => {
    expect(readThemeChoice(stored(null))).toBe('system');
    expect(readThemeChoice(stored('<script>'))).toBe('system');
    expect(readThemeChoice(undefined)).toBe('system');
    expect(
      readThemeChoice({
        getItem: () => {
          throw new Error('denied');
        },
      }),
    ).toBe('system');
  });
});
