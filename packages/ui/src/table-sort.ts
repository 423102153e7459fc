/** A column's sort key for one row: strings compare naturally (`pod-2` before `pod-10`), numbers numerically. */
export type SortValue = string | number | undefined;

/** The table's order: a column and a direction. */
export interface TableSort {
  column: string;
  direction: 'ascending' | 'descending';
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compare(a: SortValue, b: SortValue): number {
  // Rows without a value go last in both directions' natural reading: treated as the largest.
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * `rows` ordered by `keyOf` in `direction`; a stable sort, so equal keys keep their order.
 *
 * @example
 * sortRows([{ n: 'pod-10' }, { n: 'pod-2' }], (r) => r.n, 'ascending'); // [{ n: 'pod-2' }, { n: 'pod-10' }]
 */
export function sortRows<T>(
  rows: readonly T[],
  keyOf: (row: T) => SortValue,
  direction: TableSort['direction'],
): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, key: keyOf(row) }))
    .sort((a, b) => sign * compare(a.key, b.key) || a.index - b.index)
    .map((entry) => entry.row);
}

/**
 * The order after clicking `column`'s header: ascending first, then descending, then ascending again.
 *
 * @example
 * nextSort({ column: 'name', direction: 'ascending' }, 'name'); // { column: 'name', direction: 'descending' }
 */
export function nextSort(current: TableSort | undefined, column: string): TableSort {
  if (current?.column === column && current.direction === 'ascending')
    return { column, direction: 'descending' };
  return { column, direction: 'ascending' };
}
