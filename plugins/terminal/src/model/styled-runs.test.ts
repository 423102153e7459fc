import { parseAnsi } from '@porthole/sdk/logs';
import { describe, expect, it } from 'vitest';
import { ansiCss, sourceColour, styledRuns } from './styled-runs.ts';

describe('styledRuns', () => {
  it('lays matches over ANSI segments, splitting where either changes', () => {
    const segments = parseAnsi('\u001b[31mdisk\u001b[0m error here');
    expect(styledRuns(segments, [[2, 10]])).toEqual([
      { text: 'di', style: { fg: '#cd0000' }, match: false },
      { text: 'sk', style: { fg: '#cd0000' }, match: true },
      { text: ' error', style: {}, match: true },
      { text: ' here', style: {}, match: false },
    ]);
  });
  it('handles several matches in one segment and none at all', () => {
    const segments = parseAnsi('a-a-a');
    expect(
      styledRuns(segments, [
        [0, 1],
        [4, 5],
      ]).map((r) => [r.text, r.match]),
    ).toEqual([
      ['a', true],
      ['-a-', false],
      ['a', true],
    ]);
    expect(styledRuns(segments, [])).toEqual([{ text: 'a-a-a', style: {}, match: false }]);
  });
});

describe('ansiCss and sourceColour', () => {
  it('turns a style into CSS, swapping colours for inverse', () => {
    expect(ansiCss({ fg: 'red', bold: true })).toEqual({ color: 'red', 'font-weight': 'bold' });
    expect(ansiCss({ fg: 'red', inverse: true })).toEqual({ 'background-color': 'red' });
  });
  it('gives one colour per name, the same each time', () => {
    expect(sourceColour('web-1')).toBe(sourceColour('web-1'));
    expect(sourceColour('web-1')).not.toBe(sourceColour('web-2'));
  });
});
