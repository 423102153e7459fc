import { type KubeObject, usePorthole } from '@porthole/sdk';
import { Badge, formatAge, StatusPill } from '@porthole/ui';
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { resourceDetailHref } from '../../routing/app-path.ts';
import { findKind } from '../discovered.ts';
import { Link } from '../Link.tsx';
import { fieldOf, namespaceOf, type OwnerReference } from '../object-fields.ts';
import { parseApiVersion } from '../resource-paths.ts';
import { Fact, Facts, KindSection } from './Facts.tsx';
import type { KindDetailsProps } from './kind-details.ts';
import { ownerChain } from './owner-chain.ts';
import { podTone } from './PodTable.tsx';
import { type ContainerFacts, podContainers, podQosClass, podStatusWord } from './pod-facts.ts';
import { relatedHref } from './related-href.ts';

const str = (value: unknown) => (typeof value === 'string' ? value : '');

function Words(props: { items: string[]; empty: string }) {
  return (
    <Show when={props.items.length > 0} fallback={<span class="muted">{props.empty}</span>}>
      <ul class="res-plain-list mono">
        <For each={props.items}>{(item) => <li>{item}</li>}</For>
      </ul>
    </Show>
  );
}

function Container(props: { container: ContainerFacts; now: number }) {
  const c = () => props.container;
  const stateTone = () =>
    c().state.kind === 'running'
      ? 'ok'
      : c().state.kind === 'waiting'
        ? 'warning'
        : c().state.reason === 'Completed'
          ? 'ok'
          : 'error';
  return (
    <article
      class="res-container"
      data-testid="container"
      data-name={c().name}
      aria-label={`Container ${c().name}`}
    >
      <h3>
        <span class="mono">{c().name}</span>{' '}
        <Show when={c().init}>
          <Badge>init</Badge>
        </Show>
      </h3>
      <dl class="res-fields">
        <Fact label="Image" testId="container-image">
          <span class="mono">{c().image}</span>
        </Fact>
        <Fact label="State" testId="container-state">
          <StatusPill tone={stateTone()}>{c().state.reason}</StatusPill>
          <Show when={c().state.detail}>
            {' '}
            <span class="muted">{c().state.detail}</span>
          </Show>
          <Show when={c().state.at}>
            {(at) => (
              <span class="muted" title={at()}>
                {' '}
                {c().state.kind === 'running' ? 'since' : 'at'} {formatAge(at(), props.now)} ago
              </span>
            )}
          </Show>
        </Fact>
        <Fact label="Ready" testId="container-ready">
          {c().ready ? 'Yes' : 'No'}
        </Fact>
        <Fact label="Restarts" testId="container-restarts">
          {String(c().restarts)}
        </Fact>
        <Show when={c().lastTermination}>
          {(last) => (
            <Fact label="Last termination" testId="container-last-termination">
              {last().reason} <span class="muted">{last().detail}</span>
            </Fact>
          )}
        </Show>
        <Fact label="Ports">
          <Words items={c().ports} empty="None" />
        </Fact>
        <Fact label="Resources (request / limit)">
          <Words items={c().resources} empty="None set" />
        </Fact>
        <Fact label="Environment">
          <Words items={c().envSources} empty="None" />
        </Fact>
        <Fact label="Mounts">
          <Words items={c().mounts} empty="None" />
        </Fact>
      </dl>
    </article>
  );
}

/**
 * A Pod's own page section: where it runs (node, IP, QoS, service account), the owner chain up to its
 * top controller, and each init container and container with its image, state, readiness, restarts,
 * last termination, ports, resources, environment sources and mounts.
 *
 * @example
 * <PodDetails cluster="prod" object={pod} resources={resources} now={now()} />
 */
export default function PodDetails(props: KindDetailsProps) {
  const { resources: api } = usePorthole();
  const containers = () => podContainers(props.object);
  const status = () => podStatusWord(props.object);
  // The chain is read once per pod (owners don't change), through the API; links need discovery.
  const [chain, setChain] = createSignal<{ uid: string; owners: OwnerReference[] }>();
  createEffect(
    on(
      () => (props.resources.length > 0 ? props.object.metadata.uid : undefined),
      (uid) => {
        if (!uid) return;
        let current = true;
        onCleanup(() => {
          current = false;
        });
        void ownerChain(props.object, (owner) => fetchOwner(owner)).then((owners) => {
          if (current) setChain({ uid, owners });
        });
      },
    ),
  );
  const owners = () => (chain()?.uid === props.object.metadata.uid ? chain()?.owners : undefined);
  const fetchOwner = (owner: OwnerReference) => {
    const { group, version } = parseApiVersion(owner.apiVersion);
    const found = findKind(props.resources, group, version, owner.kind);
    if (!found) return Promise.resolve(undefined);
    const namespace = found.namespaced ? namespaceOf(props.object) : undefined;
    return api
      .get<KubeObject>({
        cluster: props.cluster,
        group: found.group,
        version: found.version,
        resource: found.resource,
        ...(namespace ? { namespace } : {}),
        name: owner.name,
      })
      .catch(() => undefined);
  };
  const ownerHref = (apiVersion: string, kind: string, name: string) =>
    relatedHref(props.cluster, props.resources, {
      apiVersion,
      kind,
      name,
      namespace: namespaceOf(props.object),
    });
  const node = () => str(fieldOf(props.object, 'spec', 'nodeName'));
  return (
    <div class="res-kind" data-testid="pod-details">
      <Facts title="Pod" testId="pod-facts">
        <Fact label="Status" testId="pod-status">
          <StatusPill tone={podTone(status())}>{status()}</StatusPill>
        </Fact>
        <Fact label="Node" testId="pod-node">
          <Show when={node()} fallback={<span class="muted">Not scheduled yet</span>}>
            <Link
              href={resourceDetailHref({
                cluster: props.cluster,
                group: '',
                version: 'v1',
                resource: 'nodes',
                name: node(),
              })}
            >
              {node()}
            </Link>
          </Show>
        </Fact>
        <Fact label="Pod IP" testId="pod-ip">
          <span class="mono">{str(fieldOf(props.object, 'status', 'podIP')) || '–'}</span>
        </Fact>
        <Fact label="QoS class" testId="pod-qos">
          {podQosClass(props.object)}
        </Fact>
        <Fact label="Service account" testId="pod-service-account">
          <span class="mono">{str(fieldOf(props.object, 'spec', 'serviceAccountName')) || 'default'}</span>
        </Fact>
        <Fact label="Owned by" testId="pod-owner-chain">
          <Show
            when={(owners() ?? []).length > 0}
            fallback={<span class="muted">{owners() ? 'Nothing (a bare pod)' : 'Reading owners…'}</span>}
          >
            <ol class="res-owner-chain">
              <For each={owners()}>
                {(owner) => (
                  <li>
                    <Show
                      when={ownerHref(owner.apiVersion, owner.kind, owner.name)}
                      fallback={
                        <span class="mono">
                          {owner.kind}/{owner.name}
                        </span>
                      }
                    >
                      {(href) => (
                        <Link href={href()}>
                          {owner.kind}/{owner.name}
                        </Link>
                      )}
                    </Show>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        </Fact>
      </Facts>
      <KindSection title="Containers" count={containers().length} testId="pod-containers">
        <div class="res-containers">
          <For each={containers()}>{(c) => <Container container={c} now={props.now} />}</For>
        </div>
      </KindSection>
    </div>
  );
}
