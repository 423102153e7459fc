import type { ClusterSummary } from '@porthole/protocol';
import { Badge } from '@porthole/ui';
import { For, Show } from 'solid-js';
import { clusterHref } from '../routing/app-path.ts';

/** Props of {@link ClusterTable}. */
export interface ClusterTableProps {
  clusters: ClusterSummary[];
  /** The cluster the page is about, marked in the table. */
  current?: string | undefined;
}

/** An empty cell. */
function None() {
  return <span class="muted">—</span>;
}

/**
 * One row per kubeconfig context: name (a link to the cluster), server, distribution, namespace and the
 * file it came from; a context (or file) that cannot be used shows why under its name.
 *
 * @example
 * <ClusterTable clusters={[{ name: 'admin@alpha', server: 'https://127.0.0.1:6443', ... }]} />
 */
export function ClusterTable(props: ClusterTableProps) {
  return (
    <table class="clusters">
      <thead>
        <tr>
          <th scope="col">Context</th>
          <th scope="col">Server</th>
          <th scope="col">Distribution</th>
          <th scope="col">Namespace</th>
          <th scope="col">Source</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.clusters}>
          {(cluster) => (
            <tr
              classList={{ 'has-error': Boolean(cluster.error), current: cluster.name === props.current }}
              aria-current={cluster.name === props.current ? 'true' : undefined}
              data-testid="cluster"
            >
              <th scope="row">
                <Show
                  when={!cluster.error}
                  fallback={
                    <span class="cluster-name" data-testid="cluster-name">
                      {cluster.name}
                    </span>
                  }
                >
                  <a class="cluster-name" data-testid="cluster-name" href={clusterHref(cluster.name)}>
                    {cluster.name}
                  </a>
                </Show>
                <Show when={cluster.error}>
                  {(error) => (
                    <span class="cluster-error" data-testid="cluster-error">
                      {error()}
                    </span>
                  )}
                </Show>
              </th>
              <td class="mono" data-testid="cluster-server">
                {cluster.server || <None />}
              </td>
              {/* Without a server (a broken file, a missing cluster) the defaults below would mean nothing. */}
              <td>
                <Show when={cluster.server} fallback={<None />}>
                  <Badge tone="info">{cluster.distribution}</Badge>
                </Show>
              </td>
              <td class="mono">{cluster.server ? cluster.namespace : <None />}</td>
              <td class="mono muted source" title={cluster.source}>
                {cluster.source}
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
