import type { ClusterSummary, ContextHealth, KubeconfigFileState, StatusError } from '@porthole/protocol';
import { type Accessor, batch, createSignal, onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { LiveCollection, LiveStatus } from '../live/live-collection.ts';
import type { MuxClient } from '../live/mux-client.ts';

/** What a component reads from a live backend list ({@link createClusters} and its siblings). */
export interface LiveListStore<T> {
  /** The entries; an entry keeps its identity while its key lives. */
  items: Accessor<readonly T[]>;
  status: Accessor<LiveStatus>;
  error: Accessor<StatusError | undefined>;
}

/** What a component reads from {@link createClusters}. */
export type ClustersStore = LiveListStore<ClusterSummary>;

function createLiveList<T extends object>(
  collection: LiveCollection<T>,
  key: keyof T & string,
): LiveListStore<T> {
  const [state, setState] = createStore<{ items: T[] }>({ items: [] });
  const [status, setStatus] = createSignal<LiveStatus>('loading');
  const [error, setError] = createSignal<StatusError | undefined>();
  const unsubscribe = collection.subscribe(() =>
    batch(() => {
      setState('items', reconcile([...collection.items()] as T[], { key }));
      setStatus(() => collection.status());
      setError(() => collection.error());
    }),
  );
  onCleanup(() => {
    unsubscribe();
    collection.close();
  });
  return { items: () => state.items, status, error };
}

/**
 * The backend's live cluster list for a Solid component (`client.clusters()`), cancelled with the owner.
 *
 * @example
 * const clusters = createClusters(client);
 * return <For each={clusters.items()}>{(c) => <option value={c.name}>{c.name}</option>}</For>;
 */
export function createClusters(client: MuxClient): ClustersStore {
  return createLiveList(client.clusters(), 'name');
}

/**
 * The backend's kubeconfig files with their state, live (`client.kubeconfigFiles()`), cancelled with
 * the owner.
 *
 * @example
 * const files = createKubeconfigFiles(mux);
 * return <For each={files.items()}>{(f) => <li>{f.path}: {f.state}</li>}</For>;
 */
export function createKubeconfigFiles(client: MuxClient): LiveListStore<KubeconfigFileState> {
  return createLiveList(client.kubeconfigFiles(), 'path');
}

/**
 * Every context's health, live (`client.health()`): the backend probes while this is open, so open it
 * only where it is shown. Cancelled with the owner.
 *
 * @example
 * const health = createContextHealth(mux);
 * const of = (name: string) => health.items().find((h) => h.name === name);
 */
export function createContextHealth(client: MuxClient): LiveListStore<ContextHealth> {
  return createLiveList(client.health(), 'name');
}
