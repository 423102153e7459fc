import type { ClustersStore } from '@porthole/sdk';
import { For, Show } from 'solid-js';

/** Props of {@link ClusterPicker}. */
export interface ClusterPickerProps {
  clusters: ClustersStore;
  /** The cluster in the URL, if the page has one. */
  current: string | undefined;
  onPick: (cluster: string) => void;
}

/**
 * The top bar's cluster switch, fed live by the multiplexer's cluster list: a context added to the
 * kubeconfig appears, a removed one disappears. Contexts that can't be used are listed but disabled.
 *
 * @example
 * <ClusterPicker clusters={clusters} current="admin@prod" onPick={(c) => navigate(switchClusterHref(pathname, c))} />
 */
export function ClusterPicker(props: ClusterPickerProps) {
  const missing = () =>
    props.current !== undefined && !props.clusters.items().some((c) => c.name === props.current);
  return (
    <label class="cluster-picker">
      <span class="top-bar-label">Cluster</span>
      <select
        data-testid="cluster-picker"
        value={props.current ?? ''}
        onChange={(event) => {
          const value = event.currentTarget.value;
          if (value) props.onPick(value);
        }}
      >
        <Show when={props.current === undefined}>
          <option value="">Choose a cluster…</option>
        </Show>
        <Show when={missing()}>
          <option value={props.current} selected>
            {props.current} (not in the kubeconfig)
          </option>
        </Show>
        <For each={props.clusters.items()}>
          {(cluster) => (
            <option
              value={cluster.name}
              disabled={Boolean(cluster.error)}
              selected={cluster.name === props.current}
            >
              {cluster.name}
            </option>
          )}
        </For>
      </select>
    </label>
  );
}
