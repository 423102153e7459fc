import type { ClusterSummary, StatusError } from '@porthole/protocol';
import { type Accessor, batch, createSignal, onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { LiveStatus } from '../live/live-collection.ts';
import type { MuxClient } from '../live/mux-client.ts';

/** What a component reads from {@link createClusters}. */
export interface ClustersStore {
  /** The clusters by name; an entry keeps its identity while its name lives. */
  items: Accessor<readonly ClusterSummary[]>;
  status: Accessor<LiveStatus>;
  error: Accessor<StatusError | undefined>;
}

/**
 * The backend's live cluster list for a Solid component (`client.clusters()`), cancelled with the owner.
 *
 * @example
 * const clusters = createClusters(client);
 * return <For each={clusters.items()}>{(c) => <option value={c.name}>{c.name}</option>}</For>;
 */
export function createClusters(client: MuxClient): ClustersStore {
  const [state, setState] = createStore<{ items: ClusterSummary[] }>({ items: [] });
  const [status, setStatus] = createSignal<LiveStatus>('loading');
  const [error, setError] = createSignal<StatusError | undefined>();
  const clusters = client.clusters();
  const unsubscribe = clusters.subscribe(() =>
    batch(() => {
      setState('items', reconcile([...clusters.items()], { key: 'name' }));
      setStatus(() => clusters.status());
      setError(() => clusters.error());
    }),
  );
  onCleanup(() => {
    unsubscribe();
    clusters.close();
  });
  return { items: () => state.items, status, error };
}
