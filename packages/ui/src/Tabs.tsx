import { createSignal, createUniqueId, For, type JSX, onCleanup, Show, untrack } from 'solid-js';
import { arrowIndex } from './focus.ts';

/** One tab of {@link Tabs}. */
export interface TabItem {
  /** Stable id, used in the URL (`?tab=<id>`). */
  id: string;
  label: string;
  /** The panel, rendered only while the tab is selected. */
  content: () => JSX.Element;
}

/** Props of {@link Tabs}. */
export interface TabsProps {
  tabs: readonly TabItem[];
  /** The query parameter that addresses the selected tab (default `tab`); `false` keeps it out of the URL. */
  urlParam?: string | false;
  /** Accessible name of the tab list, e.g. "Pod web-1". */
  label?: string;
  /** Controlled selection: the selected tab's id (else the URL's, else the first). */
  selected?: string;
  /** Called when the user picks a tab. */
  onSelect?: (id: string) => void;
}

function urlTab(param: string | false): string | undefined {
  if (param === false) return undefined;
  return new URLSearchParams(window.location.search).get(param) ?? undefined;
}

/**
 * Tabs (`role="tablist"`/`"tab"`/`"tabpanel"`): arrow keys, Home and End move between tabs (automatic
 * activation), only the selected tab is in the tab order. The selection is in the URL (`?tab=<id>`,
 * replaced, not pushed), so a tab can be linked to and survives a reload.
 *
 * @example
 * <Tabs tabs={[{ id: 'overview', label: 'Overview', content: () => <Overview /> }, { id: 'yaml', label: 'YAML', content: () => <Yaml /> }]} />
 */
export function Tabs(props: TabsProps) {
  const base = `pt-tabs-${createUniqueId()}`;
  const param = () => (props.urlParam === undefined ? 'tab' : props.urlParam);
  const [fromUrl, setFromUrl] = createSignal(urlTab(param()));
  const onPop = () => setFromUrl(urlTab(param()));
  window.addEventListener('popstate', onPop);
  onCleanup(() => window.removeEventListener('popstate', onPop));
  const tabs: HTMLButtonElement[] = [];

  const selected = () => {
    const wanted = props.selected ?? fromUrl();
    return props.tabs.some((t) => t.id === wanted) ? wanted : props.tabs[0]?.id;
  };
  const select = (id: string) => {
    const name = param();
    if (props.selected === undefined) setFromUrl(id);
    if (name !== false) {
      const url = new URL(window.location.href);
      url.searchParams.set(name, id);
      window.history.replaceState(window.history.state, '', url);
    }
    props.onSelect?.(id);
  };
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const next = arrowIndex(event.key, index, props.tabs.length, 'horizontal');
    const tab = next === undefined ? undefined : props.tabs[next];
    if (next === undefined || !tab) return;
    event.preventDefault();
    select(tab.id);
    tabs[next]?.focus();
  };

  return (
    <div class="pt-tabs">
      <div class="pt-tablist" role="tablist" aria-label={props.label}>
        <For each={props.tabs}>
          {(tab, index) => (
            <button
              ref={(el) => {
                tabs[index()] = el;
              }}
              type="button"
              role="tab"
              class="pt-tab"
              id={`${base}-tab-${tab.id}`}
              aria-selected={selected() === tab.id}
              aria-controls={`${base}-panel`}
              tabindex={selected() === tab.id ? 0 : -1}
              onClick={() => select(tab.id)}
              onKeyDown={(event) => onKeyDown(event, index())}
            >
              {tab.label}
            </button>
          )}
        </For>
      </div>
      {/* Keyed by id: a new tabs array (same ids) keeps the panel; another tab renders afresh. */}
      <Show when={selected()} keyed>
        {(id) => (
          <div
            class="pt-tabpanel"
            role="tabpanel"
            id={`${base}-panel`}
            aria-labelledby={`${base}-tab-${id}`}
            tabindex={0}
          >
            {untrack(() => props.tabs.find((t) => t.id === id))?.content()}
          </div>
        )}
      </Show>
    </div>
  );
}
