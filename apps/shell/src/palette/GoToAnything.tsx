import type { ClusterSummary, DiscoveredResource } from '@porthole/sdk';
import { Dialog } from '@porthole/ui';
import {
  createEffect,
  createMemo,
  createSignal,
  createUniqueId,
  For,
  on,
  onCleanup,
  onMount,
  Show,
} from 'solid-js';
import { groupResources } from '../resources/resource-index.ts';
import { resourceListHref } from '../routing/app-path.ts';
import { useShell } from '../shell-context.ts';
import { listNames, openObjects, type SearchKind } from './name-search.ts';
import { type PaletteResult, rankResults } from './rank-results.ts';
import './palette.css';

/** Props of {@link GoToAnything}. */
export interface GoToAnythingProps {
  cluster: string;
  /** The kinds whose objects are searched on the server (the sidebar's common kinds the person may list). */
  kinds: readonly SearchKind[];
  /** Where namespaced kinds are searched (`''`: all namespaces). */
  namespace: string;
  /** The clusters to offer a switch to (the current one and those that can't be used are left out). */
  clusters: readonly ClusterSummary[];
  /** Where a switch to `cluster` goes: the page open now, on that cluster. */
  clusterHref: (cluster: string) => string;
  onClose: () => void;
  onOpen: (href: string) => void;
}

const kindLabel = (r: DiscoveredResource) => `${r.group || 'core'}/${r.version}`;

/**
 * "Go to anything" (Ctrl/Cmd-K): a dialog with a combobox over the cluster's kinds, the other clusters
 * (the same page there) and objects by name, from the tab's open live lists and one bounded LIST of
 * names per common kind (names only, at most 500 each; an exact name is looked up beyond that). Arrows
 * move, Enter opens, Escape closes.
 *
 * @example
 * <GoToAnything cluster="prod" kinds={kinds} namespace="" clusters={clusters.items()}
 *   clusterHref={(c) => switchClusterHref(pathname, c)} onClose={close} onOpen={navigate} />
 */
export default function GoToAnything(props: GoToAnythingProps) {
  const { services } = useShell();
  const id = `palette-${createUniqueId()}`;
  const [query, setQuery] = createSignal('');
  const [active, setActive] = createSignal(0);
  const [found, setFound] = createSignal<PaletteResult[]>([]);
  const [served, setServed] = createSignal<readonly DiscoveredResource[]>([]);
  const [pending, setPending] = createSignal(0);
  const [failed, setFailed] = createSignal(0);
  const truncated: SearchKind[] = [];
  let input: HTMLInputElement | undefined;
  let alive = true;
  onCleanup(() => {
    alive = false;
  });
  const add = (results: PaletteResult[]) => alive && setFound((before) => [...before, ...results]);

  onMount(() => {
    services.discovery.resources(props.cluster).then(
      (resources) => alive && setServed(resources),
      () => undefined,
    );
    setPending(props.kinds.length);
    for (const kind of props.kinds)
      listNames(services.http, props.cluster, kind, props.namespace)
        .then(
          (list) => {
            if (list.truncated) truncated.push(kind);
            add(list.results);
          },
          () => alive && setFailed((n) => n + 1),
        )
        .finally(() => alive && setPending((n) => n - 1));
  });
  // A full name beyond a kind's first 500 is asked for exactly, once typing pauses.
  createEffect(
    on(query, (q) => {
      const name = q.trim();
      if (name.length < 2 || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) return;
      const timer = setTimeout(() => {
        for (const kind of truncated)
          listNames(services.http, props.cluster, kind, props.namespace, name).then(
            (list) => add(list.results),
            () => undefined,
          );
      }, 300);
      onCleanup(() => clearTimeout(timer));
    }),
  );

  const kindResults = createMemo(() =>
    groupResources(served()).flatMap((g) =>
      g.resources.map(
        (r): PaletteResult => ({
          type: 'kind',
          name: r.kind,
          kind: 'Kind',
          detail: kindLabel(r),
          href: resourceListHref({ cluster: props.cluster, ...r }),
        }),
      ),
    ),
  );
  const clusterResults = createMemo(() =>
    props.clusters
      .filter((c) => c.name !== props.cluster && !c.error)
      .map(
        (c): PaletteResult => ({
          type: 'cluster',
          name: c.name,
          kind: 'Cluster',
          detail: c.server,
          href: props.clusterHref(c.name),
        }),
      ),
  );
  const opened = createMemo(() => openObjects(props.cluster, services.openWatches(), served()));
  const results = createMemo(() =>
    rankResults(query(), [...kindResults(), ...clusterResults(), ...opened(), ...found()]),
  );
  createEffect(on(query, () => setActive(0)));
  const optionId = (index: number) => `${id}-${index}`;
  createEffect(() => document.getElementById(optionId(active()))?.scrollIntoView({ block: 'nearest' }));

  const open = (result: PaletteResult | undefined) => result && props.onOpen(result.href);
  const onKeyDown = (event: KeyboardEvent) => {
    const count = results().length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (count > 0) setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(results()[active()]);
    }
  };
  const status = () => {
    const n = results().length;
    const what =
      n === 0 ? (query().trim() ? 'No matches' : 'Type a name') : `${n} result${n === 1 ? '' : 's'}`;
    const still = pending() > 0 ? `, searching ${pending()} more kind${pending() === 1 ? '' : 's'}…` : '';
    const missed =
      failed() > 0 ? ` (${failed()} kind${failed() === 1 ? '' : 's'} could not be searched)` : '';
    return `${what}${still}${missed}`;
  };

  return (
    <Dialog open={true} onClose={props.onClose} title="Go to anything" initialFocus={() => input}>
      <input
        ref={input}
        class="pt-input palette-input"
        type="text"
        role="combobox"
        aria-label="Kind or object name"
        aria-autocomplete="list"
        aria-expanded={results().length > 0}
        aria-controls={`${id}-list`}
        aria-activedescendant={results().length > 0 ? optionId(active()) : undefined}
        autocomplete="off"
        spellcheck={false}
        placeholder="Kind, cluster or name, e.g. Deployments or web-config"
        value={query()}
        onInput={(event) => setQuery(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <p class="palette-status" role="status">
        {status()}
        <Show when={props.namespace}>{(ns) => ` · objects in namespace ${ns()}`}</Show>
      </p>
      <div class="palette-list" role="listbox" id={`${id}-list`} aria-label="Results">
        <For each={results()}>
          {(result, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox's keys choose the active option.
            <div
              id={optionId(index())}
              tabIndex={-1}
              role="option"
              class="palette-option"
              aria-selected={index() === active()}
              onClick={() => open(result)}
              onMouseMove={() => setActive(index())}
            >
              <span class="palette-name">{result.name}</span>{' '}
              <span class="palette-meta">
                {result.kind}
                {result.namespace ? ` · ${result.namespace}` : ''}
                {result.detail ? ` · ${result.detail}` : ''}
              </span>
            </div>
          )}
        </For>
      </div>
    </Dialog>
  );
}
