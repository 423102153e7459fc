import type { KubeObject } from '@porthole/protocol';
import type { Resources } from '../http/resources.ts';

/**
 * Marks a Node unschedulable (`cordon`, no new pods are placed on it) or schedulable again
 * (`uncordon`), with the merge patch `kubectl cordon` / `uncordon` send. Pods already there stay.
 *
 * @example
 * await setNodeSchedulable(resources, 'prod', 'node-1', false); // kubectl cordon node-1
 */
export function setNodeSchedulable(
  resources: Resources,
  cluster: string,
  node: string,
  schedulable: boolean,
): Promise<KubeObject> {
  return resources.patch(
    { cluster, group: '', version: 'v1', resource: 'nodes', name: node },
    // Uncordon removes the field, as kubectl's two-way patch does (false is its default).
    { spec: { unschedulable: schedulable ? null : true } },
    'merge',
  );
}

/**
 * Whether a Node is cordoned (`spec.unschedulable`).
 *
 * @example
 * isCordoned(node); // true after `kubectl cordon`
 */
export function isCordoned(node: KubeObject): boolean {
  const spec = (node as { spec?: { unschedulable?: unknown } }).spec;
  return spec?.unschedulable === true;
}
