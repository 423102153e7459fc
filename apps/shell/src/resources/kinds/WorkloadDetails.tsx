import type { KubeObject } from '@porthole/sdk';
import { type LabelSelector, selectorString } from '@porthole/sdk/workloads';
import { formatAge, StatusPill, type TableColumn } from '@porthole/ui';
import { createMemo, Show } from 'solid-js';
import { annotationsOf, createdOf, fieldOf, namespaceOf, ownerReferencesOf } from '../object-fields.ts';
import { Fact, Facts, KindSection } from './Facts.tsx';
import type { KindDetailsProps } from './kind-details.ts';
import { type KindRef, LiveTable, nameColumn, objectHref } from './LiveTable.tsx';
import { PodTable } from './PodTable.tsx';
import { rolloutWords, strategyWords, workloadCounts } from './rollout-facts.ts';

const revisionAnnotation = 'deployment.kubernetes.io/revision';
const num = (value: unknown) => (typeof value === 'number' ? value : 0);

const revisionOf = (o: KubeObject) =>
  o.kind === 'ControllerRevision'
    ? num(fieldOf(o, 'revision'))
    : Number(annotationsOf(o)[revisionAnnotation] ?? 0);

/** The images of a pod template, comma-separated. */
function imagesOf(o: KubeObject): string {
  const containers = fieldOf(o, 'spec', 'template', 'spec', 'containers');
  return Array.isArray(containers)
    ? containers.map((c) => String((c as { image?: unknown }).image ?? '')).join(', ')
    : '';
}

/**
 * A Deployment's, StatefulSet's, DaemonSet's or ReplicaSet's section: desired / ready / updated /
 * available, strategy, the rollout in words, its pods (live) and its revisions (ReplicaSets of a
 * Deployment, ControllerRevisions of a StatefulSet or DaemonSet).
 *
 * @example
 * <WorkloadDetails cluster="prod" object={deployment} resources={resources} now={now()} />
 */
export default function WorkloadDetails(props: KindDetailsProps) {
  const counts = () => workloadCounts(props.object);
  const rollout = () => rolloutWords(props.object);
  const selector = () =>
    selectorString(fieldOf(props.object, 'spec', 'selector') as LabelSelector | undefined);
  const namespace = () => namespaceOf(props.object);
  const owned = (o: KubeObject) => ownerReferencesOf(o).some((r) => r.uid === props.object.metadata.uid);
  // One value per kind (not per live update), so the table keeps its columns.
  const revisions = createMemo(
    (): { what: string; ref: KindRef } | undefined => {
      if (props.object.kind === 'Deployment')
        return {
          what: 'ReplicaSets',
          ref: { cluster: props.cluster, group: 'apps', version: 'v1', resource: 'replicasets' },
        };
      if (props.object.kind === 'StatefulSet' || props.object.kind === 'DaemonSet')
        return {
          what: 'ControllerRevisions',
          ref: { cluster: props.cluster, group: 'apps', version: 'v1', resource: 'controllerrevisions' },
        };
      return undefined;
    },
    undefined,
    { equals: (a, b) => a?.what === b?.what && a?.ref.cluster === b?.ref.cluster },
  );
  const revisionColumns = (ref: KindRef): TableColumn<KubeObject>[] => [
    nameColumn(ref),
    {
      id: 'revision',
      title: 'Revision',
      width: '6rem',
      cell: (o) => String(revisionOf(o)),
      sortValue: revisionOf,
    },
    ...(ref.resource === 'replicasets'
      ? [
          {
            id: 'ready',
            title: 'Ready',
            width: '6rem',
            cell: (o: KubeObject) =>
              `${num(fieldOf(o, 'status', 'readyReplicas'))}/${num(fieldOf(o, 'spec', 'replicas'))}`,
          },
          { id: 'images', title: 'Images', cell: imagesOf },
        ]
      : []),
    { id: 'age', title: 'Age', width: '5rem', cell: (o) => formatAge(createdOf(o), props.now) },
  ];
  return (
    <div class="res-kind" data-testid="workload-details">
      <Facts title="Rollout" testId="workload-facts">
        <Fact label="State" testId="rollout-state">
          <StatusPill tone={rollout().tone}>{rollout().words}</StatusPill>
        </Fact>
        <Fact label="Desired" testId="count-desired">
          {String(counts().desired)}
        </Fact>
        <Fact label="Ready" testId="count-ready">
          {String(counts().ready)}
        </Fact>
        <Fact label="Updated" testId="count-updated">
          {String(counts().updated)}
        </Fact>
        <Fact label="Available" testId="count-available">
          {String(counts().available)}
        </Fact>
        <Fact label="Strategy" testId="workload-strategy">
          {strategyWords(props.object)}
        </Fact>
        <Fact label="Selector">
          <span class="mono">{selector() ?? 'none'}</span>
        </Fact>
      </Facts>
      <KindSection title="Pods" testId="workload-pods">
        <Show when={selector()} fallback={<p class="res-note">No selector: it selects no pods.</p>}>
          {(labels) => (
            <PodTable
              cluster={props.cluster}
              namespace={namespace()}
              labelSelector={labels()}
              now={() => props.now}
              empty={`No pods match ${labels()}`}
              testId="workload-pod"
            />
          )}
        </Show>
      </KindSection>
      <Show when={revisions()}>
        {(r) => (
          <KindSection
            title={r().what === 'ReplicaSets' ? 'ReplicaSets (revisions)' : 'Revisions'}
            testId="workload-revisions"
          >
            <LiveTable
              watch={{ ...r().ref, ...(namespace() ? { namespace: namespace() as string } : {}) }}
              what={r().what}
              columns={revisionColumns(r().ref)}
              filter={owned}
              sort={(a, b) => revisionOf(b) - revisionOf(a)}
              empty={`No ${r().what} yet`}
              testId="workload-revision"
              href={(o) => objectHref(r().ref, o)}
            />
          </KindSection>
        )}
      </Show>
    </div>
  );
}
