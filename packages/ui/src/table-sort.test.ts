import { describe, expect, it } from 'vitest';
import { nextSort, sortRows } from './table-sort.ts';

describe('sortRows', () => {
  it('orders names naturally and keeps equal keys in their order', () => {
    const rows = [
      { n: 'pod-10', i: 0 },
      { n: 'pod-2', i: 1 },
      { n: 'pod-2', i: 2 },
      { n: 'Pod-1', i: 3 },
    ];
    expect(sortRows(rows, (r) => r.n, 'ascending').map((r) => r.i)).toEqual([3, 1, 2, 0]);
    expect(sortRows(rows, (r) => r.n, 'descending').map((r) => r.i)).toEqual([0, 1, 2, 3]);
  });

  it('orders numbers numerically and puts rows without a value last when ascending', () => {
    const rows = [{ v: 10 }, { v: undefined }, { v: 9 }];
    expect(sortRows(rows, (r) => r.v, 'ascending').map((r) => r.v)).toEqual([9, 10, undefined]);
  });
});

describe('nextSort', () => {
  it('goes ascending, then descending, and starts ascending on another column', () => {
    const first = nextSort(undefined, 'name');
    expect(first).toEqual({ column: 'name', direction: 'ascending' });
    expect(nextSort(first, 'name')).toEqual({ column: 'name', direction: 'descending' });
    expect(nextSort({ column: 'name', direction: 'descending' }, 'name').direction).toBe('ascending');
    expect(nextSort(first, 'age')).toEqual({ column: 'age', direction: 'ascending' });
  });
});
