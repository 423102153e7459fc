import type { KubeObject, WatchOptions } from '@porthole/sdk';
import { formatAge, StatusPill, type TableColumn } from '@porthole/ui';
import { createdOf, fieldOf } from '../object-fields.ts';
import { type KindRef, LiveTable, nameColumn, objectHref } from './LiveTable.tsx';
import { podReadyWord, podRestarts, podStatusWord } from './pod-facts.ts';

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** The tone of a pod's STATUS word. */
export function podTone(word: string): 'ok' | 'warning' | 'error' | 'neutral' {
  if (word === 'Running' || word === 'Completed' || word === 'Succeeded') return 'ok';
  if (/Err|BackOff|Failed|OOM|Evicted|Unknown|ExitCode|Signal/.test(word)) return 'error';
  if (
    word === 'Terminating' ||
    word === 'Pending' ||
    word.startsWith('Init:') ||
    word === 'ContainerCreating'
  )
    return 'warning';
  return 'neutral';
}

/**
 * The columns of a pods table, as `kubectl get pods -o wide`: name, ready, status, restarts, node, IP, age.
 *
 * @example
 * podColumns('prod', () => now());
 */
export function podColumns(
  cluster: string,
  now: () => number,
  withNamespace = false,
): TableColumn<KubeObject>[] {
  const pods: KindRef = { cluster, group: '', version: 'v1', resource: 'pods' };
  return [
    nameColumn(pods),
    ...(withNamespace
      ? [
          {
            id: 'namespace',
            title: 'Namespace',
            width: '10rem',
            cell: (p: KubeObject) => str(p.metadata.namespace),
          },
        ]
      : []),
    { id: 'ready', title: 'Ready', width: '5rem', cell: podReadyWord },
    {
      id: 'status',
      title: 'Status',
      width: '10rem',
      cell: (p) => <StatusPill tone={podTone(podStatusWord(p))}>{podStatusWord(p)}</StatusPill>,
      sortValue: podStatusWord,
    },
    {
      id: 'restarts',
      title: 'Restarts',
      width: '6rem',
      cell: (p) => String(podRestarts(p)),
      sortValue: podRestarts,
    },
    { id: 'node', title: 'Node', width: '10rem', cell: (p) => str(fieldOf(p, 'spec', 'nodeName')) },
    { id: 'ip', title: 'IP', width: '8rem', cell: (p) => str(fieldOf(p, 'status', 'podIP')) },
    { id: 'age', title: 'Age', width: '5rem', cell: (p) => formatAge(createdOf(p), now()) },
  ];
}

/** Props of {@link PodTable}. */
export interface PodTableProps {
  cluster: string;
  namespace?: string | undefined;
  /** Pods matching this label selector; with none, no pods are listed (an empty selector selects none). */
  labelSelector?: string | undefined;
  fieldSelector?: string | undefined;
  /** Keeps only some pods (e.g. those a controller owns). */
  filter?: (pod: KubeObject) => boolean;
  now: () => number;
  empty: string;
  testId: string;
}

/**
 * A live table of the pods a page is about (a workload's, a Service's, a Node's, a Job's).
 *
 * @example
 * <PodTable cluster="prod" namespace="web" labelSelector="app=web" now={now} empty="No pods" testId="workload-pods" />
 */
export function PodTable(props: PodTableProps) {
  const watch = (): WatchOptions | undefined =>
    props.labelSelector || props.fieldSelector
      ? {
          cluster: props.cluster,
          group: '',
          version: 'v1',
          resource: 'pods',
          ...(props.namespace ? { namespace: props.namespace } : {}),
          ...(props.labelSelector ? { labelSelector: props.labelSelector } : {}),
          ...(props.fieldSelector ? { fieldSelector: props.fieldSelector } : {}),
        }
      : undefined;
  const pods: KindRef = { cluster: props.cluster, group: '', version: 'v1', resource: 'pods' };
  return (
    <LiveTable
      watch={watch()}
      what="Pods"
      columns={podColumns(props.cluster, props.now, !props.namespace)}
      filter={props.filter}
      empty={props.empty}
      testId={props.testId}
      href={(p) => objectHref(pods, p)}
    />
  );
}
