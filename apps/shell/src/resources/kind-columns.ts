import type { KubeObject } from '@porthole/sdk';
import { podReadyWord, podRestarts, podStatusWord } from './kinds/pod-facts.ts';
import { jobDurationMs } from './kinds/rollout-facts.ts';
import { conditionsOf, fieldOf, labelsOf } from './object-fields.ts';

/** The object a cell links to (an Event's `involvedObject`, by apiVersion and kind). */
export interface ColumnTarget {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string | undefined;
}

/** How a column writes times: the kit's `formatAge` / `formatDuration` at the page's `now`. */
export interface TimeWords {
  now: number;
  /** `5m` since an RFC 3339 time. */
  age(time: string): string;
  duration(ms: number): string;
}

/** A column of the list page beyond name, namespace and age: cheap to compute from the object alone. */
export interface KindColumn {
  title: string;
  /** CSS grid track, e.g. `6rem`. */
  width: string;
  /** The cell's text; `time` writes ages and durations (the list page passes the kit's, live). */
  value(object: KubeObject, time: TimeWords): string;
  /** When set, the cell links to this object's page. */
  target?(object: KubeObject): ColumnTarget | undefined;
}

const num = (value: unknown) => (typeof value === 'number' ? value : 0);
const str = (value: unknown) => (typeof value === 'string' ? value : '');
const count = (value: unknown) =>
  typeof value === 'object' && value !== null ? Object.keys(value as object).length : 0;
const list = (value: unknown): KubeObject[] => (Array.isArray(value) ? value : []);
const age = (time: string, words: TimeWords) => (time ? words.age(time) : '<none>');

const column = (title: string, width: string, value: KindColumn['value']): KindColumn => ({
  title,
  width,
  value,
});
const status =
  (...path: string[]) =>
  (o: KubeObject) =>
    String(num(fieldOf(o, 'status', ...path)));

const dataCount = column('Data', '5rem', (o) =>
  String(count(fieldOf(o, 'data')) + count(fieldOf(o, 'binaryData'))),
);
const phase = column('Status', '8rem', (o) => str(fieldOf(o, 'status', 'phase')));
const images = column('Images', '16rem', (o) =>
  list(fieldOf(o, 'spec', 'template', 'spec', 'containers'))
    .map((c) => str(fieldOf(c, 'image')))
    .join(','),
);
const readyOf = column(
  'Ready',
  '6rem',
  (o) => `${num(fieldOf(o, 'status', 'readyReplicas'))}/${num(fieldOf(o, 'spec', 'replicas'))}`,
);

/** `80/TCP,443:30443/TCP` as kubectl prints a Service's ports. */
function servicePorts(o: KubeObject): string {
  return list(fieldOf(o, 'spec', 'ports'))
    .map((p) => {
      const node = num(fieldOf(p, 'nodePort'));
      return `${num(fieldOf(p, 'port'))}${node ? `:${node}` : ''}/${str(fieldOf(p, 'protocol')) || 'TCP'}`;
    })
    .join(',');
}

/** `Ready`, `NotReady`, with `,SchedulingDisabled` for a cordoned node, as kubectl prints it. */
function nodeStatus(o: KubeObject): string {
  const ready = conditionsOf(o).find((c) => c.type === 'Ready');
  const word = ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
  return fieldOf(o, 'spec', 'unschedulable') === true ? `${word},SchedulingDisabled` : word;
}

function nodeRoles(o: KubeObject): string {
  const prefix = 'node-role.kubernetes.io/';
  const roles = Object.keys(labelsOf(o))
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length));
  return roles.length > 0 ? roles.sort().join(',') : '<none>';
}

const eventTime = (o: KubeObject) =>
  str(fieldOf(o, 'lastTimestamp')) ||
  str(fieldOf(o, 'eventTime')) ||
  str(fieldOf(o, 'metadata', 'creationTimestamp'));

/** Extra columns by `group/resource` (`''` is the core group), after kubectl's `-o wide`. */
const byResource: Record<string, readonly KindColumn[]> = {
  '/pods': [
    column('Ready', '5rem', podReadyWord),
    column('Status', '9rem', podStatusWord),
    column('Restarts', '6.5rem', (o) => String(podRestarts(o))),
    column('IP', '8rem', (o) => str(fieldOf(o, 'status', 'podIP'))),
    column('Node', '10rem', (o) => str(fieldOf(o, 'spec', 'nodeName'))),
  ],
  '/configmaps': [dataCount],
  '/secrets': [column('Type', '14rem', (o) => str(fieldOf(o, 'type'))), dataCount],
  '/services': [
    column('Type', '8rem', (o) => str(fieldOf(o, 'spec', 'type'))),
    column('Cluster IP', '9rem', (o) => str(fieldOf(o, 'spec', 'clusterIP'))),
    column('External IP', '9rem', (o) => {
      const ingress = list(fieldOf(o, 'status', 'loadBalancer', 'ingress')).map(
        (i) => str(fieldOf(i, 'ip')) || str(fieldOf(i, 'hostname')),
      );
      const external = [...ingress, ...(list(fieldOf(o, 'spec', 'externalIPs')) as unknown as string[])];
      return external.join(',') || str(fieldOf(o, 'spec', 'externalName')) || '<none>';
    }),
    column('Ports', '10rem', servicePorts),
    column('Selector', '12rem', (o) =>
      Object.entries((fieldOf(o, 'spec', 'selector') as Record<string, string> | undefined) ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    ),
  ],
  '/namespaces': [phase],
  '/persistentvolumeclaims': [
    phase,
    column('Volume', '12rem', (o) => str(fieldOf(o, 'spec', 'volumeName'))),
    column('Capacity', '6rem', (o) => str(fieldOf(o, 'status', 'capacity', 'storage'))),
    column('Storage class', '9rem', (o) => str(fieldOf(o, 'spec', 'storageClassName'))),
  ],
  '/persistentvolumes': [
    column('Capacity', '6rem', (o) => str(fieldOf(o, 'spec', 'capacity', 'storage'))),
    column('Reclaim', '6rem', (o) => str(fieldOf(o, 'spec', 'persistentVolumeReclaimPolicy'))),
    phase,
    column('Claim', '12rem', (o) => {
      const ref = fieldOf(o, 'spec', 'claimRef') as KubeObject | undefined;
      return ref ? `${str(fieldOf(ref, 'namespace'))}/${str(fieldOf(ref, 'name'))}` : '';
    }),
  ],
  '/nodes': [
    column('Status', '9rem', nodeStatus),
    column('Roles', '7rem', nodeRoles),
    column('Version', '7rem', (o) => str(fieldOf(o, 'status', 'nodeInfo', 'kubeletVersion'))),
    column('Internal IP', '8rem', (o) => {
      const internal = list(fieldOf(o, 'status', 'addresses')).find(
        (a) => fieldOf(a, 'type') === 'InternalIP',
      );
      return str(fieldOf(internal, 'address'));
    }),
  ],
  '/events': [
    column('Type', '6rem', (o) => str(fieldOf(o, 'type'))),
    column('Reason', '9rem', (o) => str(fieldOf(o, 'reason'))),
    {
      ...column(
        'Object',
        '14rem',
        (o) => `${str(fieldOf(o, 'involvedObject', 'kind'))}/${str(fieldOf(o, 'involvedObject', 'name'))}`,
      ),
      target: (o) => {
        const ref = fieldOf(o, 'involvedObject') as KubeObject | undefined;
        const name = str(fieldOf(ref, 'name'));
        if (!ref || !name) return undefined;
        const namespace = str(fieldOf(ref, 'namespace'));
        return {
          apiVersion: str(fieldOf(ref, 'apiVersion')),
          kind: str(fieldOf(ref, 'kind')),
          name,
          ...(namespace ? { namespace } : {}),
        };
      },
    },
    column('Count', '5rem', (o) => String(num(fieldOf(o, 'count')) || 1)),
    column('Last seen', '6rem', (o, time) => age(eventTime(o), time)),
    column('Message', '20rem', (o) => str(fieldOf(o, 'message'))),
  ],
  'apps/deployments': [
    readyOf,
    column('Up-to-date', '6.5rem', status('updatedReplicas')),
    column('Available', '6rem', status('availableReplicas')),
    images,
  ],
  'apps/statefulsets': [readyOf, images],
  'apps/replicasets': [
    column('Desired', '5.5rem', (o) => String(num(fieldOf(o, 'spec', 'replicas')))),
    column('Current', '5.5rem', status('replicas')),
    column('Ready', '5rem', status('readyReplicas')),
    images,
  ],
  'apps/daemonsets': [
    column('Desired', '5.5rem', status('desiredNumberScheduled')),
    column('Current', '5.5rem', status('currentNumberScheduled')),
    column('Ready', '5rem', status('numberReady')),
    column('Up-to-date', '6.5rem', status('updatedNumberScheduled')),
    column('Available', '6rem', status('numberAvailable')),
  ],
  'batch/jobs': [
    column(
      'Completions',
      '7rem',
      (o) => `${num(fieldOf(o, 'status', 'succeeded'))}/${num(fieldOf(o, 'spec', 'completions')) || 1}`,
    ),
    column('Duration', '6rem', (o, time) => {
      const ms = jobDurationMs(o, time.now);
      return ms === undefined ? '' : time.duration(ms);
    }),
  ],
  'batch/cronjobs': [
    column('Schedule', '9rem', (o) => str(fieldOf(o, 'spec', 'schedule'))),
    column('Suspend', '5rem', (o) => String(fieldOf(o, 'spec', 'suspend') === true)),
    column('Active', '5rem', (o) => String(list(fieldOf(o, 'status', 'active')).length)),
    column('Last schedule', '7rem', (o, time) => age(str(fieldOf(o, 'status', 'lastScheduleTime')), time)),
  ],
  'networking.k8s.io/ingresses': [
    column('Class', '8rem', (o) => str(fieldOf(o, 'spec', 'ingressClassName')) || '<none>'),
    column('Hosts', '14rem', (o) =>
      list(fieldOf(o, 'spec', 'rules'))
        .map((r) => str(fieldOf(r, 'host')) || '*')
        .join(','),
    ),
    column('Address', '10rem', (o) =>
      list(fieldOf(o, 'status', 'loadBalancer', 'ingress'))
        .map((i) => str(fieldOf(i, 'ip')) || str(fieldOf(i, 'hostname')))
        .join(','),
    ),
  ],
  'autoscaling/horizontalpodautoscalers': [
    column(
      'Reference',
      '12rem',
      (o) =>
        `${str(fieldOf(o, 'spec', 'scaleTargetRef', 'kind'))}/${str(fieldOf(o, 'spec', 'scaleTargetRef', 'name'))}`,
    ),
    column('Min', '4rem', (o) => String(num(fieldOf(o, 'spec', 'minReplicas')) || 1)),
    column('Max', '4rem', (o) => String(num(fieldOf(o, 'spec', 'maxReplicas')))),
    column('Replicas', '5.5rem', status('currentReplicas')),
  ],
  '/serviceaccounts': [column('Secrets', '5rem', (o) => String(list(fieldOf(o, 'secrets')).length))],
};

/**
 * The extra list columns of a built-in resource (none for kinds without a table entry; custom
 * resources get their CRD's printer columns, see `kinds/printer-columns.ts`).
 *
 * @example
 * kindColumns('', 'configmaps').map((c) => c.title); // ['Data']
 */
export function kindColumns(group: string, resource: string): readonly KindColumn[] {
  return byResource[`${group}/${resource}`] ?? [];
}
