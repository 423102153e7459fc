import { describe, expect, it } from 'vitest';
import { compileLogSearch, highlightRuns, type LogSearch } from './log-search.ts';

function search(query: string, options: { regex?: boolean; caseSensitive?: boolean } = {}): LogSearch {
  const result = compileLogSearch({ query, ...options });
  if (!result.ok) throw new Error(result.error);
  return result.search;
}

describe('compileLogSearch', () => {
  it('finds plain text case-insensitively by default, regex characters taken literally', () => {
    expect(search('error').ranges('Error: disk error')).toEqual([
      [0, 5],
      [12, 17],
    ]);
    expect(search('a.b').ranges('axb a.b')).toEqual([[4, 7]]);
  });
  it('honours the case toggle', () => {
    expect(search('Error', { caseSensitive: true }).ranges('error Error')).toEqual([[6, 11]]);
  });
  it('runs a regex, counting only non-empty matches', () => {
    expect(search('err(or)?', { regex: true }).ranges('ERR error')).toEqual([
      [0, 3],
      [4, 9],
    ]);
    expect(search('x*', { regex: true }).ranges('abxxc')).toEqual([[2, 4]]);
  });
  it('says why a regex is invalid instead of throwing', () => {
    const result = compileLogSearch({ query: '(unclosed', regex: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/Invalid regular expression/);
  });
  it('an empty query matches nothing; test() agrees with ranges()', () => {
    expect(search('').ranges('anything')).toEqual([]);
    expect(search('').test('anything')).toBe(false);
    expect(search('disk').test('no')).toBe(false);
    expect(search('disk').test('DISK')).toBe(true);
  });
});

describe('highlightRuns', () => {
  it('cuts a line into plain and matching runs', () => {
    expect(highlightRuns('a disk error', [[7, 12]])).toEqual([
      { text: 'a disk ', match: false },
      { text: 'error', match: true },
    ]);
    expect(highlightRuns('x', [])).toEqual([{ text: 'x', match: false }]);
    expect(highlightRuns('', [])).toEqual([{ text: '', match: false }]);
  });
});
