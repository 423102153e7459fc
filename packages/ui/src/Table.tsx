import { type JSX, lazy } from 'solid-js';
import type { SortValue, TableSort } from './table-sort.ts';

/** One column of a {@link Table}. */
export interface TableColumn<T> {
  id: string;
  title: string;
  /** CSS width, e.g. `8rem`; columns without one share what is left. */
  width?: string;
  cell(row: T): JSX.Element;
  /** Makes the column sortable by this key. */
  sortValue?(row: T): SortValue;
}

/** What a page can do with its table: move the keyboard focus into it. */
export interface TableControl {
  focus(): void;
}

/** Row selection for bulk actions: the selected rows' keys, owned by the page. */
export interface TableSelection {
  selected: ReadonlySet<string>;
  onChange(selected: Set<string>): void;
}

/** Props of {@link Table}. */
export interface TableProps<T> {
  rows: readonly T[];
  columns: readonly TableColumn<T>[];
  /** A stable key per row (e.g. the object's uid). */
  rowKey(row: T): string;
  /** Accessible name of the table, e.g. "ConfigMaps". */
  label: string;
  /** Enter on a row. */
  onOpen?(row: T): void;
  /** Adds a checkbox column; Space toggles the focused row. */
  selection?: TableSelection;
  /** How a row is named in its checkbox's label ("Select web-1"); default its key. */
  rowName?(row: T): string;
  /** The order before the user picks one. */
  defaultSort?: TableSort;
  control?: (control: TableControl) => void;
  /** `data-testid` prefix: `<id>-scroll`, `<id>-row` (default `table`). */
  testId?: string;
}

// The virtualiser (and solid-js/store, which it uses) loads with the first table, not with the kit.
const VirtualTable = lazy(() => import('./VirtualTable.tsx'));

/**
 * Starts loading the table's code now, so a page that will show a table (a list whose data is still on
 * its way) doesn't wait for it after the first rows arrive.
 *
 * @example
 * onMount(preloadTable);
 */
export function preloadTable(): void {
  void VirtualTable.preload();
}

/**
 * A virtualised table: only the rows in view (and a few more) exist in the DOM, so 50,000 rows scroll
 * like 50. Sortable columns have a header button (`aria-sort` on the header); with `selection`, a
 * checkbox column selects rows for bulk actions. Keyboard: one row is focusable at a time (roving
 * tabindex); arrows, Page Up/Down, Home/End move it, Enter opens it, Space selects it. Its code loads on
 * first use (inside a `<Suspense>`, the fallback shows meanwhile).
 *
 * @example
 * <Table label="Pods" rows={pods()} rowKey={(p) => p.metadata.uid} columns={[{ id: 'name', title: 'Name', cell: (p) => p.metadata.name, sortValue: (p) => p.metadata.name }]} onOpen={open} />
 */
export function Table<T>(props: TableProps<T>): JSX.Element {
  return <VirtualTable {...(props as TableProps<unknown>)} />;
}
