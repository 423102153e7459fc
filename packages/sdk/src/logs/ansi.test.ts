import { describe, expect, it } from 'vitest';
import { parseAnsi, stripAnsi } from './ansi.ts';

describe('parseAnsi', () => {
  it('splits a line into styled runs by SGR escapes', () => {
    expect(parseAnsi('\u001b[31merror\u001b[0m: disk full')).toEqual([
      { text: 'error', style: { fg: '#cd0000' } },
      { text: ': disk full', style: {} },
    ]);
  });
  it('understands bold, bright, background, 256 and 24-bit colours, and partial resets', () => {
    const [a, b, c, d] = parseAnsi('\u001b[1;92ma\u001b[22;44mb\u001b[38;5;196;48;2;1;2;3mc\u001b[39;49md');
    expect(a).toEqual({ text: 'a', style: { bold: true, fg: '#00ff00' } });
    expect(b).toEqual({ text: 'b', style: { fg: '#00ff00', bg: '#0000ee' } });
    expect(c).toEqual({ text: 'c', style: { fg: 'rgb(255,0,0)', bg: 'rgb(1,2,3)' } });
    expect(d).toEqual({ text: 'd', style: {} });
  });
  it('drops other escapes (cursor moves, OSC titles) and keeps the text', () => {
    expect(parseAnsi('\u001b[2K\u001b]0;title\u0007done\u001b[1A')).toEqual([{ text: 'done', style: {} }]);
  });
  it('ignores out-of-range colours and carries a style in from the previous line', () => {
    expect(parseAnsi('\u001b[38;5;999mx', { italic: true })).toEqual([
      { text: 'x', style: { italic: true } },
    ]);
    expect(parseAnsi('\u001b[38;2;300;0;0my')).toEqual([{ text: 'y', style: {} }]);
  });
  it('treats an unterminated escape at the end of a line as nothing', () => {
    expect(parseAnsi('abc\u001b[')).toEqual([{ text: 'abc', style: {} }]);
    expect(parseAnsi('')).toEqual([]);
  });
});

describe('stripAnsi', () => {
  it('gives the plain text', () => {
    expect(stripAnsi('\u001b[1;32mok\u001b[0m and \u001b[4mmore')).toBe('ok and more');
    expect(stripAnsi('plain')).toBe('plain');
  });
});
