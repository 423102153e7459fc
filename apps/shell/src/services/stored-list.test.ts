import { describe, expect, it } from 'vitest';
import { readStoredList } from './stored-list.ts';

const storageOf = (value: string | null) => ({ getItem: () => value });

describe('readStoredList', () => {
  it('reads the strings of a stored list and drops the rest', () => {
    expect(readStoredList(storageOf('["a", 1, "b", null]'), 'k')).toEqual(['a', 'b']);
  });

  it('is empty for nothing stored, no storage, a non-list, broken JSON or a storage that throws', () => {
    expect(readStoredList(storageOf(null), 'k')).toEqual([]);
    expect(readStoredList(undefined, 'k')).toEqual([]);
    expect(readStoredList(storageOf('{"a":"b"}'), 'k')).toEqual([]);
    expect(readStoredList(storageOf('["a"'), 'k')).toEqual([]);
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
    };
    expect(readStoredList(throwing, 'k')).toEqual([]);
  });
});
