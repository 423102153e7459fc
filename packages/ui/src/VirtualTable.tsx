import { createVirtualizer } from '@tanstack/solid-virtual';
import { createEffect, createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import type { TableProps } from './Table.tsx';
import { nextSort, sortRows } from './table-sort.ts';

const rowHeight = 34;

/**
 * The {@link Table} itself, loaded on first use (the virtualiser is not on the portal's first screen).
 * A virtualised table: only the rows in view (and a few more) exist in the DOM, between two spacer rows,
 * so 50,000 rows scroll like 50. Sortable columns have a header button (`aria-sort` on the header);
 * with `selection`, a checkbox column selects rows for bulk actions. Keyboard: one row is focusable at a
 * time (roving tabindex); arrows, Page Up/Down, Home/End move it, Enter opens it, Space selects it.
 *
 * @example
 * <Table label="Pods" rows={pods()} rowKey={(p) => p.metadata.uid} columns={[{ id: 'name', title: 'Name', cell: (p) => p.metadata.name, sortValue: (p) => p.metadata.name }]} onOpen={open} />
 */
export default function VirtualTable<T>(props: TableProps<T>) {
  let scroller: HTMLDivElement | undefined;
  const id = createUniqueId();
  const testId = () => props.testId ?? 'table';
  const [active, setActive] = createSignal(0);
  const [focusWanted, setFocusWanted] = createSignal(false);
  const [sort, setSort] = createSignal(props.defaultSort);
  const rows = createMemo(() => {
    const s = sort();
    const column = s && props.columns.find((c) => c.id === s.column);
    return column?.sortValue && s
      ? sortRows(props.rows, (r) => column.sortValue?.(r), s.direction)
      : props.rows;
  });
  const virtualizer = createVirtualizer({
    get count() {
      return rows().length;
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const rowId = (index: number) => `pt-row-${id}-${index}`;
  const items = () => virtualizer.getVirtualItems();
  const padTop = () => items()[0]?.start ?? 0;
  const padBottom = () => virtualizer.getTotalSize() - (items()[items().length - 1]?.end ?? 0);
  const span = () => props.columns.length + (props.selection ? 1 : 0);

  // A filter that shrinks the rows keeps the active row inside them.
  createEffect(() => {
    const count = rows().length;
    if (active() >= count) setActive(Math.max(0, count - 1));
  });
  // Focus follows the active row once the virtualiser has rendered it (a jump renders it a frame later).
  createEffect(() => {
    // The virtual items are a store updated in place: read what changes when the range moves.
    void [items().length, items()[0]?.index];
    if (!focusWanted()) return;
    const row = document.getElementById(rowId(active()));
    if (row) {
      row.focus({ preventScroll: true });
      setFocusWanted(false);
    }
  });

  function move(to: number) {
    const last = rows().length - 1;
    if (last < 0) return;
    const index = Math.min(Math.max(to, 0), last);
    setActive(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
    setFocusWanted(true);
  }
  props.control?.({ focus: () => move(active()) });

  const isSelected = (row: T) => props.selection?.selected.has(props.rowKey(row)) === true;
  function toggle(row: T) {
    const selection = props.selection;
    if (!selection) return;
    const next = new Set(selection.selected);
    const key = props.rowKey(row);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    selection.onChange(next);
  }
  const allSelected = () => rows().length > 0 && rows().every(isSelected);
  const someSelected = () => !allSelected() && rows().some(isSelected);
  const toggleAll = () =>
    props.selection?.onChange(allSelected() ? new Set() : new Set(rows().map(props.rowKey)));

  function onKeyDown(event: KeyboardEvent) {
    const page = Math.max(1, Math.floor((scroller?.clientHeight ?? rowHeight * 10) / rowHeight) - 2);
    const row = rows()[active()];
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active() + 1),
      ArrowUp: () => move(active() - 1),
      PageDown: () => move(active() + page),
      PageUp: () => move(active() - page),
      Home: () => move(0),
      End: () => move(rows().length - 1),
      Enter: () => row !== undefined && props.onOpen?.(row),
      ' ': () => row !== undefined && toggle(row),
    };
    const action = keys[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target !== event.currentTarget && event.key === ' ') return;
    event.preventDefault();
    action();
  }

  return (
    <div class="pt-table-scroll" ref={scroller} data-testid={`${testId()}-scroll`}>
      <table class="pt-table" aria-label={props.label} aria-rowcount={rows().length + 1}>
        <colgroup>
          <Show when={props.selection}>
            <col class="pt-table-select" />
          </Show>
          <For each={props.columns}>{(column) => <col style={{ width: column.width }} />}</For>
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <Show when={props.selection}>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="Select all rows"
                  checked={allSelected()}
                  ref={(el) =>
                    createEffect(() => {
                      el.indeterminate = someSelected();
                    })
                  }
                  onChange={toggleAll}
                />
              </th>
            </Show>
            <For each={props.columns}>
              {(column) => (
                <th scope="col" aria-sort={sort()?.column === column.id ? sort()?.direction : undefined}>
                  <Show when={column.sortValue} fallback={column.title}>
                    <button
                      type="button"
                      class="pt-table-sort"
                      onClick={() => setSort(nextSort(sort(), column.id))}
                    >
                      {column.title}
                      <span aria-hidden="true">
                        {sort()?.column !== column.id ? '↕' : sort()?.direction === 'ascending' ? '↑' : '↓'}
                      </span>
                    </button>
                  </Show>
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <tr class="pt-table-pad">
            <td colSpan={span()} style={{ height: `${padTop()}px` }} />
          </tr>
          <For each={items()}>
            {(item) => (
              <Show when={rows()[item.index]}>
                {(row) => (
                  <tr
                    id={rowId(item.index)}
                    tabindex={active() === item.index ? 0 : -1}
                    aria-rowindex={item.index + 2}
                    aria-selected={props.selection ? isSelected(row()) : active() === item.index}
                    class="pt-table-row"
                    classList={{ 'pt-table-row-active': active() === item.index }}
                    data-testid={`${testId()}-row`}
                    onClick={() => setActive(item.index)}
                    onKeyDown={onKeyDown}
                    onFocus={() => setActive(item.index)}
                  >
                    <Show when={props.selection}>
                      <td>
                        <input
                          type="checkbox"
                          tabindex={-1}
                          aria-label={`Select ${props.rowName?.(row()) ?? props.rowKey(row())}`}
                          checked={isSelected(row())}
                          onChange={() => toggle(row())}
                        />
                      </td>
                    </Show>
                    <For each={props.columns}>{(column) => <td>{column.cell(row())}</td>}</For>
                  </tr>
                )}
              </Show>
            )}
          </For>
          <tr class="pt-table-pad">
            <td colSpan={span()} style={{ height: `${padBottom()}px` }} />
          </tr>
        </tbody>
      </table>
    </div>
  );
}
