import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path.ts';

describe('safeReturnPath', () => {
  it('keeps same-origin paths with their query and fragment', () => {
    expect(safeReturnPath('/')).toBe('/');
    expect(safeReturnPath('/c/prod/pods?ns=a&x=%2F#top')).toBe('/c/prod/pods?ns=a&x=%2F#top');
  });

  it('refuses open redirects and falls back', () => {
    for (const hostile of [
      '//evil.example/',
      '///evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      'evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      ' /x',
      `/${'a'.repeat(3000)}`,
      '',
      undefined,
      null,
    ]) {
      expect(safeReturnPath(hostile, '/home'), String(hostile)).toBe('/home');
    }
  });

  it('normalises dot segments so the result stays a path on this origin', () => {
    expect(safeReturnPath('/a/../b')).toBe('/b');
    expect(safeReturnPath('/..//evil.example')).toBe('/');
  });
});
