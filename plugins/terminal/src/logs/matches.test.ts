import { compileLogSearch, createLogBuffer, type LogSearch } from '@porthole/sdk/logs';
import { describe, expect, it } from 'vitest';
import { findMatches } from './matches.ts';

function search(query: string): LogSearch {
  const result = compileLogSearch({ query });
  if (!result.ok) throw new Error(result.error);
  return result.search;
}

describe('findMatches', () => {
  it('lists matching lines and finds the nth match and its place in its line', () => {
    const buffer = createLogBuffer();
    buffer.append(['an error', 'fine', 'error \u001b[31merror\u001b[0m', 'ok', 'ERROR']);
    const found = findMatches(buffer, search('error'));
    expect(found.lines).toEqual([0, 2, 4]);
    expect(found.total).toBe(4);
    expect([0, 1, 2, 3].map(found.lineOfMatch)).toEqual([0, 2, 2, 4]);
    expect([0, 1, 2, 3].map(found.occurrenceInLine)).toEqual([0, 0, 1, 0]);
  });
  it('finds nothing without a search', () => {
    const buffer = createLogBuffer();
    buffer.append(['a']);
    expect(findMatches(buffer, undefined)).toMatchObject({ lines: [], total: 0 });
  });
});
