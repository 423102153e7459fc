import type { ClusterSummary, ClustersStore } from '@porthole/sdk';
import { createMemo, createSignal, createUniqueId, For, onCleanup, onMount, Show } from 'solid-js';
import { orderClusters } from './switcher-order.ts';

/** Props of {@link ClusterPicker}. */
export interface ClusterPickerProps {
  clusters: ClustersStore;
  /** The cluster in the URL, if the page has one. */
  current: string | undefined;
  /** Recently used clusters, most recent first: listed first. */
  recent: readonly string[];
  onPick: (cluster: string) => void;
}

/**
 * The top bar's cluster switcher, fed live by the multiplexer's cluster list (a context added to the
 * kubeconfig appears, a removed one disappears). A button opens a search box over the contexts, recent
 * ones first; it works from the keyboard alone: Ctrl+Shift+K (⌘⇧K; Ctrl+K is "Go to anything") or the button opens it, typing filters,
 * arrows move, Enter switches (keeping the page, see `switchClusterHref`), Escape closes. Contexts that
 * can't be used are listed but can't be picked.
 *
 * @example
 * <ClusterPicker clusters={clusters} current="admin@prod" recent={['admin@prod']} onPick={(c) => navigate(switchClusterHref(pathname, c))} />
 */
export function ClusterPicker(props: ClusterPickerProps) {
  const id = createUniqueId();
  const [open, setOpen] = createSignal(false);
  const [query, setQuery] = createSignal('');
  const [active, setActive] = createSignal(0);
  let button: HTMLButtonElement | undefined;
  let input: HTMLInputElement | undefined;
  let root: HTMLDivElement | undefined;

  const options = createMemo(() => orderClusters(props.clusters.items(), props.recent, query()));
  const optionId = (index: number) => `${id}-option-${index}`;

  function show(): void {
    setQuery('');
    setActive(0);
    setOpen(true);
    input?.focus();
  }
  function hide(refocus: boolean): void {
    setOpen(false);
    if (refocus) button?.focus();
  }
  function pick(cluster: ClusterSummary | undefined): void {
    if (!cluster || cluster.error) return;
    hide(true);
    if (cluster.name !== props.current) props.onPick(cluster.name);
  }
  function onKeyDown(event: KeyboardEvent): void {
    const count = options().length;
    if (event.key === 'ArrowDown') setActive((i) => (count === 0 ? 0 : (i + 1) % count));
    else if (event.key === 'ArrowUp') setActive((i) => (count === 0 ? 0 : (i - 1 + count) % count));
    else if (event.key === 'Home') setActive(0);
    else if (event.key === 'End') setActive(Math.max(0, count - 1));
    else if (event.key === 'Enter') pick(options()[active()]);
    else if (event.key === 'Escape') hide(true);
    else return;
    event.preventDefault();
  }

  onMount(() => {
    const onGlobalKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        show();
      }
    };
    const onPointer = (event: PointerEvent) => {
      if (open() && root && !root.contains(event.target as Node)) hide(false);
    };
    document.addEventListener('keydown', onGlobalKey);
    document.addEventListener('pointerdown', onPointer);
    onCleanup(() => {
      document.removeEventListener('keydown', onGlobalKey);
      document.removeEventListener('pointerdown', onPointer);
    });
  });

  return (
    <div class="cluster-picker" ref={root}>
      <span class="top-bar-label" aria-hidden="true">
        Cluster
      </span>
      <button
        ref={button}
        type="button"
        class="cluster-switch"
        data-testid="cluster-picker"
        aria-keyshortcuts="Control+Shift+K Meta+Shift+K"
        aria-haspopup="dialog"
        aria-expanded={open()}
        onClick={() => (open() ? hide(true) : show())}
      >
        {props.current ?? 'Choose a cluster…'}
        <span class="pt-visually-hidden"> (switch cluster)</span>
        <span aria-hidden="true"> ▾</span>
      </button>
      <Show when={open()}>
        <div class="cluster-switcher" role="dialog" aria-label="Switch cluster">
          <input
            ref={(el) => {
              input = el;
              queueMicrotask(() => el.focus());
            }}
            class="cluster-switcher-search"
            type="search"
            role="combobox"
            aria-label="Search clusters"
            aria-expanded="true"
            aria-controls={`${id}-list`}
            aria-autocomplete="list"
            aria-activedescendant={options().length > 0 ? optionId(active()) : undefined}
            placeholder="Search clusters…"
            value={query()}
            onInput={(event) => {
              setQuery(event.currentTarget.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
          <div id={`${id}-list`} class="cluster-switcher-list" role="listbox" aria-label="Clusters">
            <For each={options()} fallback={<p class="cluster-switcher-empty">No cluster matches</p>}>
              {(cluster, index) => (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox above handles the keyboard (aria-activedescendant).
                <div
                  id={optionId(index())}
                  role="option"
                  tabIndex={-1}
                  class="cluster-switcher-option"
                  classList={{ active: index() === active() }}
                  aria-selected={index() === active()}
                  aria-disabled={cluster.error ? true : undefined}
                  aria-current={cluster.name === props.current ? 'true' : undefined}
                  title={cluster.error ?? cluster.server}
                  onClick={() => pick(cluster)}
                  onPointerMove={() => setActive(index())}
                >
                  <span class="cluster-switcher-name">{cluster.name}</span>
                  <span class="cluster-switcher-server">
                    {cluster.error ? 'cannot be used' : cluster.server}
                  </span>
                </div>
              )}
            </For>
          </div>
        </div>
      </Show>
    </div>
  );
}
