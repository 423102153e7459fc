import { createWatch, isForbidden, type KubeObject, usePorthole } from '@porthole/sdk';
import { For, Show } from 'solid-js';
import { resourceListHref } from '../../routing/app-path.ts';
import { Link } from '../Link.tsx';
import { fieldOf } from '../object-fields.ts';
import { KindSection } from './Facts.tsx';
import type { KindDetailsProps } from './kind-details.ts';
import { LiveTable } from './LiveTable.tsx';

/** What a namespace's page counts (Secrets are left out: counting them would read every secret). */
const counted = [
  { title: 'Pods', group: '', resource: 'pods' },
  { title: 'Deployments', group: 'apps', resource: 'deployments' },
  { title: 'StatefulSets', group: 'apps', resource: 'statefulsets' },
  { title: 'DaemonSets', group: 'apps', resource: 'daemonsets' },
  { title: 'Jobs', group: 'batch', resource: 'jobs' },
  { title: 'Services', group: '', resource: 'services' },
  { title: 'ConfigMaps', group: '', resource: 'configmaps' },
  { title: 'PersistentVolumeClaims', group: '', resource: 'persistentvolumeclaims' },
] as const;

const rec = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** `cpu 250m of 2, pods 3 of 10` for a ResourceQuota. */
function quotaWords(quota: KubeObject): string {
  const hard = rec(fieldOf(quota, 'status', 'hard'));
  const used = rec(fieldOf(quota, 'status', 'used'));
  const names =
    Object.keys(hard).length > 0 ? Object.keys(hard) : Object.keys(rec(fieldOf(quota, 'spec', 'hard')));
  return names
    .sort()
    .map(
      (n) =>
        `${n} ${String(used[n] ?? '0')} of ${String(hard[n] ?? rec(fieldOf(quota, 'spec', 'hard'))[n] ?? '?')}`,
    )
    .join(', ');
}

function Count(props: {
  cluster: string;
  namespace: string;
  title: string;
  group: string;
  resource: string;
}) {
  const { mux } = usePorthole();
  const watch = createWatch(mux, () => ({
    cluster: props.cluster,
    group: props.group,
    version: 'v1',
    resource: props.resource,
    namespace: props.namespace,
  }));
  const value = () => {
    if (watch.status() === 'error') return isForbidden(watch.error()) ? "can't list" : 'error';
    return watch.resourceVersion() === undefined ? '…' : String(watch.items().length);
  };
  return (
    <>
      <dt>
        <Link
          href={resourceListHref({
            cluster: props.cluster,
            group: props.group,
            version: 'v1',
            resource: props.resource,
          })}
        >
          {props.title}
        </Link>
      </dt>
      <dd data-testid="namespace-count" data-resource={props.resource}>
        {value()}
      </dd>
    </>
  );
}

/**
 * A Namespace's section: its ResourceQuotas (used of hard, live) and a live count of what it holds.
 *
 * @example
 * <NamespaceDetails cluster="prod" object={namespace} resources={resources} now={now()} />
 */
export default function NamespaceDetails(props: KindDetailsProps) {
  const name = () => props.object.metadata.name ?? '';
  return (
    <div class="res-kind" data-testid="namespace-details">
      <KindSection title="What it holds" testId="namespace-counts">
        <dl class="res-fields">
          <For each={counted}>{(c) => <Count cluster={props.cluster} namespace={name()} {...c} />}</For>
        </dl>
      </KindSection>
      <KindSection title="Quotas" testId="namespace-quotas">
        <Show when={name()}>
          <LiveTable
            watch={{
              cluster: props.cluster,
              group: '',
              version: 'v1',
              resource: 'resourcequotas',
              namespace: name(),
            }}
            what="ResourceQuotas"
            columns={[
              { id: 'name', title: 'Name', width: '14rem', cell: (q) => q.metadata.name ?? '' },
              { id: 'usage', title: 'Used of hard', cell: (q) => <span class="mono">{quotaWords(q)}</span> },
            ]}
            empty="No quotas: nothing limits this namespace"
            testId="namespace-quota"
          />
        </Show>
      </KindSection>
    </div>
  );
}
