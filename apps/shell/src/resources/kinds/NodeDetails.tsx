import { isCordoned } from '@porthole/sdk/workloads';
import { StatusPill, Table } from '@porthole/ui';
import { For, Show } from 'solid-js';
import { fieldOf } from '../object-fields.ts';
import { Fact, Facts, KindSection } from './Facts.tsx';
import type { KindDetailsProps } from './kind-details.ts';
import { PodTable } from './PodTable.tsx';

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const rec = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    : [];

/** Capacity and allocatable side by side, one row per resource. */
function capacityRows(node: KindDetailsProps['object']) {
  const capacity = rec(fieldOf(node, 'status', 'capacity'));
  const allocatable = rec(fieldOf(node, 'status', 'allocatable'));
  return [...new Set([...Object.keys(capacity), ...Object.keys(allocatable)])]
    .sort()
    .map((name) => ({ name, capacity: str(capacity[name]), allocatable: str(allocatable[name]) }));
}

/**
 * A Node's section: schedulable or cordoned, addresses, version, capacity and allocatable, taints and
 * the pods on it (live, across namespaces). Its conditions are in the generic overview.
 *
 * @example
 * <NodeDetails cluster="prod" object={node} resources={resources} now={now()} />
 */
export default function NodeDetails(props: KindDetailsProps) {
  const taints = () => list(fieldOf(props.object, 'spec', 'taints'));
  return (
    <div class="res-kind" data-testid="node-details">
      <Facts title="Node" testId="node-facts">
        <Fact label="Scheduling" testId="node-scheduling">
          <Show when={isCordoned(props.object)} fallback={<StatusPill tone="ok">Schedulable</StatusPill>}>
            <StatusPill tone="warning">Cordoned: no new pods</StatusPill>
          </Show>
        </Fact>
        <Fact label="Addresses">
          <span class="mono">
            {list(fieldOf(props.object, 'status', 'addresses'))
              .map((a) => `${str(a.type)} ${str(a.address)}`)
              .join(', ') || '–'}
          </span>
        </Fact>
        <Fact label="Kubelet">
          {str(fieldOf(props.object, 'status', 'nodeInfo', 'kubeletVersion')) || '–'}
        </Fact>
        <Fact label="Taints" testId="node-taints">
          <Show when={taints().length > 0} fallback={<span class="muted">None</span>}>
            <ul class="res-plain-list mono">
              <For each={taints()}>
                {(t) => (
                  <li>
                    {str(t.key)}
                    {str(t.value) ? `=${str(t.value)}` : ''}:{str(t.effect)}
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Fact>
      </Facts>
      <KindSection title="Capacity" testId="node-capacity">
        <Table
          label="Capacity and allocatable"
          rows={capacityRows(props.object)}
          rowKey={(r) => r.name}
          columns={[
            { id: 'name', title: 'Resource', cell: (r) => r.name, sortValue: (r) => r.name },
            { id: 'capacity', title: 'Capacity', width: '10rem', cell: (r) => r.capacity },
            { id: 'allocatable', title: 'Allocatable', width: '10rem', cell: (r) => r.allocatable },
          ]}
          testId="node-capacity"
        />
      </KindSection>
      <KindSection title="Pods on this node" testId="node-pods">
        <PodTable
          cluster={props.cluster}
          fieldSelector={`spec.nodeName=${props.object.metadata.name ?? ''}`}
          now={() => props.now}
          empty="No pods on this node"
          testId="node-pod"
        />
      </KindSection>
    </div>
  );
}
