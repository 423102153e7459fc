import type { Status } from '@porthole/protocol';
import { createResource, Match, Show, Switch } from 'solid-js';
import { ClusterTable } from './ClusterTable.tsx';
import type { LoadClustersResult } from './load-clusters.ts';

/** Props of {@link ClustersView}. */
export interface ClustersViewProps {
  load: () => Promise<LoadClustersResult>;
}

function ErrorState(props: { status: Status; onRetry: () => void }) {
  return (
    <section class="state state-error" role="alert">
      <h2>Could not load clusters</h2>
      <p class="state-message">
        {props.status.message ?? props.status.reason ?? `Error ${props.status.code}`}
      </p>
      <button type="button" class="button" onClick={() => props.onRetry()}>
        Retry
      </button>
    </section>
  );
}

/**
 * The clusters page: loading, empty, error (with Retry) or the table, from one load that never rejects.
 *
 * @example
 * <ClustersView load={() => loadClusters(fetch)} />
 */
export function ClustersView(props: ClustersViewProps) {
  const [result, { refetch }] = createResource(() => props.load());
  const failed = () => {
    const r = result();
    return r && !r.ok ? r.status : undefined;
  };
  const clusters = () => {
    const r = result();
    return r?.ok ? r.clusters : undefined;
  };

  return (
    <section class="panel" aria-busy={result.loading}>
      <div class="panel-header">
        <h1>Clusters</h1>
        <Show when={clusters()?.length}>
          {(count) => <span class="panel-count">{count()} from your kubeconfig</span>}
        </Show>
      </div>
      <Switch>
        <Match when={result.loading}>
          <p class="state" role="status">
            Loading clusters…
          </p>
        </Match>
        <Match when={failed()}>
          {(status) => <ErrorState status={status()} onRetry={() => refetch()} />}
        </Match>
        <Match when={clusters()?.length === 0}>
          <p class="state">No clusters: point porthole at a kubeconfig with --kubeconfig</p>
        </Match>
        <Match when={clusters()}>{(list) => <ClusterTable clusters={list()} />}</Match>
      </Switch>
    </section>
  );
}
