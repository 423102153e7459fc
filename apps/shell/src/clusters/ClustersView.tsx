import type { ClustersStore } from '@porthole/sdk';
import { EmptyState, ErrorState, LoadingState } from '@porthole/ui';
import { Match, Show, Switch } from 'solid-js';
import { ClusterTable } from './ClusterTable.tsx';

/** Props of {@link ClustersView}. */
export interface ClustersViewProps {
  clusters: ClustersStore;
  /** The cluster in the URL, highlighted in the table. */
  current?: string | undefined;
}

/**
 * Every kubeconfig context, live from the multiplexer (a context added to or removed from the
 * kubeconfig appears or disappears here): connecting, failed (with the Status), empty, or the table.
 *
 * @example
 * <ClustersView clusters={createClusters(mux)} current="admin@prod" />
 */
export function ClustersView(props: ClustersViewProps) {
  const items = () => props.clusters.items();
  const loading = () => props.clusters.status() === 'loading' && items().length === 0;
  return (
    <section class="panel" aria-busy={loading()}>
      <div class="panel-header">
        <h1>Clusters</h1>
        <Show when={items().length}>
          {(count) => <span class="panel-count">{count()} from your kubeconfig</span>}
        </Show>
      </div>
      <Switch>
        <Match when={props.clusters.error()}>
          {(error) => <ErrorState title="Could not load clusters" error={error()} />}
        </Match>
        <Match when={loading()}>
          <LoadingState what="clusters" />
        </Match>
        <Match when={items().length === 0}>
          <EmptyState title="No clusters">Point porthole at a kubeconfig with --kubeconfig.</EmptyState>
        </Match>
        <Match when={items().length > 0}>
          <ClusterTable clusters={[...items()]} current={props.current} />
        </Match>
      </Switch>
    </section>
  );
}
