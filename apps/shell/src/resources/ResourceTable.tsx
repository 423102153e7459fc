import type { KubeObject } from '@porthole/sdk';
import { createVirtualizer } from '@tanstack/solid-virtual';
import { createEffect, createSignal, createUniqueId, For, Show } from 'solid-js';
import { Link } from './Link.tsx';

/** A text column of {@link ResourceTable} (the first column is always the name, a link). */
export interface TableColumn {
  title: string;
  /** CSS width of the column, e.g. `8rem`; the name column takes what is left. */
  width: string;
  text(object: KubeObject): string;
}

/** What a page can do with its table: move the keyboard focus into it. */
export interface ResourceTableControl {
  focus(): void;
}

/** Props of {@link ResourceTable}. */
export interface ResourceTableProps {
  rows: readonly KubeObject[];
  columns: readonly TableColumn[];
  hrefOf(object: KubeObject): string;
  /** Enter on a row. */
  onOpen(object: KubeObject): void;
  /** Accessible name of the table, e.g. "ConfigMaps". */
  label: string;
  control?: (control: ResourceTableControl) => void;
}

const rowHeight = 34;

/**
 * A virtualised table of objects: only the rows in view (and a few more) exist in the DOM, between two
 * spacer rows, so 50,000 rows scroll like 50. Keyboard: one row is focusable at a time (roving tabindex);
 * arrows, Page Up/Down, Home/End move it, Enter opens it.
 *
 * @example
 * <ResourceTable rows={rows()} columns={[ageColumn]} hrefOf={detailPath} onOpen={(o) => navigate(detailPath(o))} label="Pods" />
 */
export function ResourceTable(props: ResourceTableProps) {
  let scroller: HTMLDivElement | undefined;
  const id = createUniqueId();
  const [active, setActive] = createSignal(0);
  const [focusWanted, setFocusWanted] = createSignal(false);
  const virtualizer = createVirtualizer({
    get count() {
      return props.rows.length;
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const rowId = (index: number) => `res-row-${id}-${index}`;
  const items = () => virtualizer.getVirtualItems();
  const padTop = () => items()[0]?.start ?? 0;
  const padBottom = () => virtualizer.getTotalSize() - (items()[items().length - 1]?.end ?? 0);

  // A filter that shrinks the rows keeps the active row inside them.
  createEffect(() => {
    const count = props.rows.length;
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
    const last = props.rows.length - 1;
    if (last < 0) return;
    const index = Math.min(Math.max(to, 0), last);
    setActive(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
    setFocusWanted(true);
  }
  props.control?.({ focus: () => move(active()) });

  function onKeyDown(event: KeyboardEvent) {
    const page = Math.max(1, Math.floor((scroller?.clientHeight ?? rowHeight * 10) / rowHeight) - 2);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active() + 1),
      ArrowUp: () => move(active() - 1),
      PageDown: () => move(active() + page),
      PageUp: () => move(active() - page),
      Home: () => move(0),
      End: () => move(props.rows.length - 1),
      Enter: () => {
        const object = props.rows[active()];
        if (object) props.onOpen(object);
      },
    };
    const action = keys[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    action();
  }

  return (
    <div class="res-scroll" ref={scroller} data-testid="resource-scroll">
      <table class="res-grid" aria-label={props.label} aria-rowcount={props.rows.length + 1}>
        <colgroup>
          <col />
          <For each={props.columns}>{(column) => <col style={{ width: column.width }} />}</For>
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Name</th>
            <For each={props.columns}>{(column) => <th scope="col">{column.title}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <tr class="res-pad">
            <td colSpan={props.columns.length + 1} style={{ height: `${padTop()}px` }} />
          </tr>
          <For each={items()}>
            {(item) => (
              <Show when={props.rows[item.index]}>
                {(object) => (
                  <tr
                    id={rowId(item.index)}
                    tabindex={active() === item.index ? 0 : -1}
                    aria-rowindex={item.index + 2}
                    aria-selected={active() === item.index}
                    class="res-body-row"
                    classList={{ 'res-row-active': active() === item.index }}
                    data-testid="resource-row"
                    onClick={() => setActive(item.index)}
                    onKeyDown={onKeyDown}
                    onFocus={() => setActive(item.index)}
                  >
                    <td class="res-name">
                      <Link href={props.hrefOf(object())} tabindex="-1" data-testid="resource-name">
                        {object().metadata.name}
                      </Link>
                    </td>
                    <For each={props.columns}>{(column) => <td>{column.text(object())}</td>}</For>
                  </tr>
                )}
              </Show>
            )}
          </For>
          <tr class="res-pad">
            <td colSpan={props.columns.length + 1} style={{ height: `${padBottom()}px` }} />
          </tr>
        </tbody>
      </table>
    </div>
  );
}
