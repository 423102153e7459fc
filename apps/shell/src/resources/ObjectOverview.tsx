import type { DiscoveredResource, KubeObject } from '@porthole/sdk';
import { Badge, formatAge, StatusPill, Table } from '@porthole/ui';
import { For, type JSX, Show } from 'solid-js';
import { relatedHref } from './kinds/related-href.ts';
import { Link } from './Link.tsx';
import {
  annotationsOf,
  conditionsOf,
  createdOf,
  labelsOf,
  namespaceOf,
  type OwnerReference,
  ownerReferencesOf,
} from './object-fields.ts';

/** Props of {@link ObjectOverview}. */
export interface ObjectOverviewProps {
  cluster: string;
  object: KubeObject;
  /** From discovery, to link owners to their pages (owners are plain text until it arrives). */
  resources: readonly DiscoveredResource[];
  now: number;
}

function Field(props: { label: string; children: JSX.Element; testId?: string }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd data-testid={props.testId}>{props.children}</dd>
    </>
  );
}

function KeyValues(props: {
  title: string;
  entries: Record<string, string>;
  testId: string;
  chips?: boolean;
}) {
  const entries = () => Object.entries(props.entries).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section class="res-section" data-testid={props.testId}>
      <h2>
        {props.title} <span class="panel-count">{entries().length}</span>
      </h2>
      <Show when={entries().length > 0} fallback={<p class="res-note">None</p>}>
        <Show
          when={props.chips}
          fallback={
            <dl class="res-kv">
              <For each={entries()}>
                {([key, value]) => (
                  <>
                    <dt class="mono">{key}</dt>
                    <dd class="mono res-value" data-key={key}>
                      {value}
                    </dd>
                  </>
                )}
              </For>
            </dl>
          }
        >
          <ul class="res-chips">
            <For each={entries()}>
              {([key, value]) => (
                <li class="res-chip mono" data-key={key}>
                  {key}={value}
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </section>
  );
}

function OwnerLink(props: {
  cluster: string;
  namespace?: string;
  owner: OwnerReference;
  resources: readonly DiscoveredResource[];
}) {
  const target = () =>
    relatedHref(props.cluster, props.resources, { ...props.owner, namespace: props.namespace });
  const label = () => `${props.owner.kind}/${props.owner.name}`;
  return (
    <li data-testid="owner-reference">
      <Show when={target()} fallback={<span class="mono">{label()}</span>}>
        {(href) => <Link href={href()}>{label()}</Link>}
      </Show>
      <Show when={props.owner.controller}>
        <Badge>controller</Badge>
      </Show>
    </li>
  );
}

/**
 * What every object has: metadata, labels, annotations, owners (as links) and status conditions. Labels
 * and annotations are read from `object` each render, so a live object updates them in place.
 *
 * @example
 * <ObjectOverview cluster="prod" object={object()} resources={resources()} now={now()} />
 */
export function ObjectOverview(props: ObjectOverviewProps) {
  const meta = () => props.object.metadata;
  const owners = () => ownerReferencesOf(props.object);
  const conditions = () => conditionsOf(props.object);
  return (
    <div class="res-overview">
      <section class="res-section">
        <h2>Metadata</h2>
        <dl class="res-fields">
          <Field label="Name" testId="object-name">
            <span class="mono">{meta().name}</span>
          </Field>
          <Show when={namespaceOf(props.object)}>
            {(ns) => (
              <Field label="Namespace">
                <span class="mono">{ns()}</span>
              </Field>
            )}
          </Show>
          <Field label="Created">
            {formatAge(createdOf(props.object), props.now)} ago{' '}
            <span class="muted">({createdOf(props.object)})</span>
          </Field>
          <Field label="UID">
            <span class="mono">{meta().uid}</span>
          </Field>
          <Field label="Resource version" testId="object-resource-version">
            <span class="mono">{meta().resourceVersion}</span>
          </Field>
          <Show when={owners().length > 0}>
            <Field label="Owners">
              <ul class="res-owners">
                <For each={owners()}>
                  {(owner) => (
                    <OwnerLink
                      cluster={props.cluster}
                      namespace={namespaceOf(props.object)}
                      owner={owner}
                      resources={props.resources}
                    />
                  )}
                </For>
              </ul>
            </Field>
          </Show>
        </dl>
      </section>
      <KeyValues title="Labels" entries={labelsOf(props.object)} testId="object-labels" chips />
      <KeyValues title="Annotations" entries={annotationsOf(props.object)} testId="object-annotations" />
      <Show when={conditions().length > 0}>
        <section class="res-section" data-testid="object-conditions">
          <h2>Conditions</h2>
          <Table
            label="Conditions"
            rows={conditions()}
            rowKey={(c) => c.type}
            columns={[
              { id: 'type', title: 'Type', width: '12rem', cell: (c) => c.type, sortValue: (c) => c.type },
              {
                id: 'status',
                title: 'Status',
                width: '7rem',
                cell: (c) => (
                  <StatusPill
                    tone={c.status === 'True' ? 'ok' : c.status === 'False' ? 'warning' : 'neutral'}
                  >
                    {c.status}
                  </StatusPill>
                ),
              },
              { id: 'reason', title: 'Reason', width: '12rem', cell: (c) => c.reason ?? '' },
              {
                id: 'transition',
                title: 'Last transition',
                width: '9rem',
                cell: (c) => (
                  <span title={c.lastTransitionTime}>{formatAge(c.lastTransitionTime, props.now)}</span>
                ),
              },
              {
                id: 'message',
                title: 'Message',
                cell: (c) => <span title={c.message}>{c.message ?? ''}</span>,
              },
            ]}
          />
        </section>
      </Show>
    </div>
  );
}
