import type { KubeObject } from '@porthole/sdk';
import { conditionsOf, fieldOf } from './object-fields.ts';

/** A column of the list page beyond name, namespace and age: cheap to compute from the object alone. */
export interface KindColumn {
  title: string;
  /** CSS grid track, e.g. `6rem`. */
  width: string;
  value(object: KubeObject): string;
}

const num = (value: unknown) => (typeof value === 'number' ? value : 0);
const str = (value: unknown) => (typeof value === 'string' ? value : '');
const count = (value: unknown) =>
  typeof value === 'object' && value !== null ? Object.keys(value as object).length : 0;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

const dataCount: KindColumn = {
  title: 'Data',
  width: '5rem',
  value: (o) => String(count(fieldOf(o, 'data')) + count(fieldOf(o, 'binaryData'))),
};
const phase: KindColumn = {
  title: 'Status',
  width: '8rem',
  value: (o) => str(fieldOf(o, 'status', 'phase')),
};
const replicasReady: KindColumn = {
  title: 'Ready',
  width: '6rem',
  value: (o) => `${num(fieldOf(o, 'status', 'readyReplicas'))}/${num(fieldOf(o, 'spec', 'replicas'))}`,
};

/** Like kubectl: a waiting or terminated container's reason wins over the phase. */
function podStatus(o: KubeObject): string {
  if (o.metadata.deletionTimestamp) return 'Terminating';
  for (const c of list(fieldOf(o, 'status', 'containerStatuses'))) {
    const state = fieldOf(c as KubeObject, 'state') as KubeObject | undefined;
    const reason = str(fieldOf(state, 'waiting', 'reason')) || str(fieldOf(state, 'terminated', 'reason'));
    if (reason) return reason;
  }
  return str(fieldOf(o, 'status', 'phase'));
}

/** Extra columns by `group/resource` (`''` is the core group). */
const byResource: Record<string, readonly KindColumn[]> = {
  '/pods': [
    {
      title: 'Ready',
      width: '5rem',
      value: (o) => {
        const statuses = list(fieldOf(o, 'status', 'containerStatuses'));
        const ready = statuses.filter((c) => fieldOf(c as KubeObject, 'ready') === true).length;
        return `${ready}/${list(fieldOf(o, 'spec', 'containers')).length}`;
      },
    },
    { title: 'Status', width: '9rem', value: podStatus },
    {
      title: 'Restarts',
      width: '6.5rem',
      value: (o) =>
        String(
          list(fieldOf(o, 'status', 'containerStatuses')).reduce<number>(
            (sum, c) => sum + num(fieldOf(c as KubeObject, 'restartCount')),
            0,
          ),
        ),
    },
  ],
  '/configmaps': [dataCount],
  '/secrets': [{ title: 'Type', width: '14rem', value: (o) => str(fieldOf(o, 'type')) }, dataCount],
  '/services': [
    { title: 'Type', width: '8rem', value: (o) => str(fieldOf(o, 'spec', 'type')) },
    { title: 'Cluster IP', width: '9rem', value: (o) => str(fieldOf(o, 'spec', 'clusterIP')) },
  ],
  '/namespaces': [phase],
  '/persistentvolumeclaims': [phase],
  '/persistentvolumes': [phase],
  '/nodes': [
    {
      title: 'Status',
      width: '7rem',
      value: (o) => {
        const ready = conditionsOf(o).find((c) => c.type === 'Ready');
        return ready?.status === 'True' ? 'Ready' : 'NotReady';
      },
    },
  ],
  '/events': [
    { title: 'Type', width: '6rem', value: (o) => str(fieldOf(o, 'type')) },
    { title: 'Reason', width: '9rem', value: (o) => str(fieldOf(o, 'reason')) },
    {
      title: 'Object',
      width: '14rem',
      value: (o) =>
        `${str(fieldOf(o, 'involvedObject', 'kind'))}/${str(fieldOf(o, 'involvedObject', 'name'))}`,
    },
  ],
  'apps/deployments': [replicasReady],
  'apps/statefulsets': [replicasReady],
  'apps/replicasets': [replicasReady],
  'apps/daemonsets': [
    {
      title: 'Ready',
      width: '6rem',
      value: (o) =>
        `${num(fieldOf(o, 'status', 'numberReady'))}/${num(fieldOf(o, 'status', 'desiredNumberScheduled'))}`,
    },
  ],
  'batch/jobs': [
    {
      title: 'Completions',
      width: '7rem',
      value: (o) =>
        `${num(fieldOf(o, 'status', 'succeeded'))}/${num(fieldOf(o, 'spec', 'completions')) || 1}`,
    },
  ],
  'batch/cronjobs': [
    { title: 'Schedule', width: '9rem', value: (o) => str(fieldOf(o, 'spec', 'schedule')) },
    { title: 'Suspend', width: '5rem', value: (o) => String(fieldOf(o, 'spec', 'suspend') === true) },
  ],
};

/**
 * The extra list columns of a resource (none for kinds without a table entry).
 *
 * @example
 * kindColumns('', 'configmaps').map((c) => c.title); // ['Data']
 */
export function kindColumns(group: string, resource: string): readonly KindColumn[] {
  return byResource[`${group}/${resource}`] ?? [];
}
