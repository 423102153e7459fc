import type { ClustersStore } from '@porthole/sdk';
import { SelectField } from '@porthole/ui';

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
  const options = () => [
    ...(props.current === undefined ? [{ value: '', label: 'Choose a cluster…' }] : []),
    ...(missing() ? [{ value: props.current ?? '', label: `${props.current} (not in the kubeconfig)` }] : []),
    ...props.clusters.items().map((cluster) => ({
      value: cluster.name,
      label: cluster.name,
      disabled: Boolean(cluster.error),
    })),
  ];
  return (
    <SelectField
      label="Cluster"
      class="cluster-picker"
      data-testid="cluster-picker"
      options={options()}
      value={props.current ?? ''}
      onChange={(event) => {
        const value = event.currentTarget.value;
        if (value) props.onPick(value);
      }}
    />
  );
}
