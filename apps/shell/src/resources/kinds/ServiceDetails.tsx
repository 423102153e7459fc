import { createWatchOne, usePorthole } from '@porthole/sdk';
import { selectorString } from '@porthole/sdk/workloads';
import { For, Show } from 'solid-js';
import { fieldOf, namespaceOf } from '../object-fields.ts';
import { Fact, Facts, KindSection } from './Facts.tsx';
import type { KindDetailsProps } from './kind-details.ts';
import { PodTable } from './PodTable.tsx';

const str = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    : [];

/** `80→8080/TCP (http)`, with the node port when there is one. */
function portWords(p: Record<string, unknown>): string {
  const target = str(p.targetPort);
  const node = str(p.nodePort);
  const name = str(p.name);
  return `${str(p.port)}${target && target !== str(p.port) ? `→${target}` : ''}${node ? ` (node ${node})` : ''}/${str(p.protocol) || 'TCP'}${name ? ` ${name}` : ''}`;
}

/** The addresses of an Endpoints object: `10.0.0.5:8080` per ready address and port; not-ready marked. */
function endpointWords(endpoints: unknown): string[] {
  const out: string[] = [];
  for (const subset of list(fieldOf(endpoints as never, 'subsets'))) {
    const ports = list(subset.ports).map((p) => str(p.port));
    const each = (addresses: unknown, suffix: string) => {
      for (const a of list(addresses))
        for (const port of ports.length > 0 ? ports : [''])
          out.push(`${str(a.ip)}${port ? `:${port}` : ''}${suffix}`);
    };
    each(subset.addresses, '');
    each(subset.notReadyAddresses, ' (not ready)');
  }
  return out;
}

/**
 * A Service's section: type, cluster IP, ports, selector with the pods it matches (live) and its
 * endpoints (live).
 *
 * @example
 * <ServiceDetails cluster="prod" object={service} resources={resources} now={now()} />
 */
export default function ServiceDetails(props: KindDetailsProps) {
  const { mux } = usePorthole();
  const selector = () =>
    selectorString({
      matchLabels: (fieldOf(props.object, 'spec', 'selector') ?? {}) as Record<string, string>,
    });
  const endpoints = createWatchOne(mux, () => ({
    cluster: props.cluster,
    group: '',
    version: 'v1',
    resource: 'endpoints',
    namespace: namespaceOf(props.object),
    name: props.object.metadata.name ?? '',
  }));
  const addresses = () => endpointWords(endpoints.object());
  const external = () =>
    [
      ...list(fieldOf(props.object, 'status', 'loadBalancer', 'ingress')).map(
        (i) => str(i.ip) || str(i.hostname),
      ),
      ...(Array.isArray(fieldOf(props.object, 'spec', 'externalIPs'))
        ? (fieldOf(props.object, 'spec', 'externalIPs') as string[])
        : []),
      str(fieldOf(props.object, 'spec', 'externalName')),
    ].filter(Boolean);
  return (
    <div class="res-kind" data-testid="service-details">
      <Facts title="Service" testId="service-facts">
        <Fact label="Type" testId="service-type">
          {str(fieldOf(props.object, 'spec', 'type')) || 'ClusterIP'}
        </Fact>
        <Fact label="Cluster IP" testId="service-cluster-ip">
          <span class="mono">{str(fieldOf(props.object, 'spec', 'clusterIP')) || '–'}</span>
        </Fact>
        <Show when={external().length > 0}>
          <Fact label="External">
            <span class="mono">{external().join(', ')}</span>
          </Fact>
        </Show>
        <Fact label="Ports" testId="service-ports">
          <ul class="res-plain-list mono">
            <For each={list(fieldOf(props.object, 'spec', 'ports'))} fallback={<li class="muted">None</li>}>
              {(p) => <li>{portWords(p)}</li>}
            </For>
          </ul>
        </Fact>
        <Fact label="Selector" testId="service-selector">
          <span class="mono">{selector() ?? 'none (endpoints are managed by hand)'}</span>
        </Fact>
        <Fact label="Endpoints" testId="service-endpoints">
          <Show
            when={addresses().length > 0}
            fallback={
              <span class="muted">
                {endpoints.status() === 'loading' ? 'Loading…' : 'None: no ready pod matches'}
              </span>
            }
          >
            <ul class="res-plain-list mono">
              <For each={addresses()}>{(a) => <li>{a}</li>}</For>
            </ul>
          </Show>
        </Fact>
      </Facts>
      <Show when={selector()}>
        {(labels) => (
          <KindSection title="Pods it selects" testId="service-pods">
            <PodTable
              cluster={props.cluster}
              namespace={namespaceOf(props.object)}
              labelSelector={labels()}
              now={() => props.now}
              empty={`No pods match ${labels()}`}
              testId="service-pod"
            />
          </KindSection>
        )}
      </Show>
    </div>
  );
}
