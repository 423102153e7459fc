import { type KubeObject, StatusError } from '@porthole/protocol';
import type { ObjectRef } from '../http/resource-path.ts';
import type { Resources } from '../http/resources.ts';

/** The pod-template annotation `kubectl rollout restart` sets; changing it rolls every pod. */
export const restartedAtAnnotation = 'kubectl.kubernetes.io/restartedAt';

/** The resources whose pods a rollout restart replaces (`apps` group). */
export const restartableResources: readonly string[] = ['deployments', 'statefulsets', 'daemonsets'];

/**
 * The merge patch of `kubectl rollout restart`: the time, in RFC 3339 without fractions as kubectl
 * writes it, in the pod template's annotations. A new value means a new template, so the controller
 * rolls out new pods by the object's own strategy.
 *
 * @example
 * restartPatch(new Date('2026-01-02T03:04:05.678Z'));
 * // { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-02T03:04:05Z' } } } } }
 */
export function restartPatch(at: Date): {
  spec: { template: { metadata: { annotations: Record<string, string> } } };
} {
  const stamp = `${at.toISOString().slice(0, 19)}Z`;
  return { spec: { template: { metadata: { annotations: { [restartedAtAnnotation]: stamp } } } } };
}

/**
 * Restarts a Deployment's, StatefulSet's or DaemonSet's pods as `kubectl rollout restart` does. Refuses,
 * with a `Status` and nothing written, another kind and a paused Deployment (its rollout would wait).
 *
 * @example
 * const deployment = await restartRollout(resources, { cluster: 'prod', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'web', name: 'api' });
 */
export async function restartRollout(
  resources: Resources,
  ref: ObjectRef,
  at: Date = new Date(),
): Promise<KubeObject> {
  if (ref.group !== 'apps' || !restartableResources.includes(ref.resource)) {
    throw StatusError.methodNotSupported({ group: ref.group, resource: ref.resource }, 'rollout restart');
  }
  if (ref.resource === 'deployments') {
    const current = await resources.get<KubeObject & { spec?: { paused?: boolean } }>(ref);
    if (current.spec?.paused === true) {
      throw StatusError.badRequest(
        `can't restart paused deployment "${ref.name}" (resume its rollout first); nothing was changed`,
      );
    }
  }
  return resources.patch(ref, restartPatch(at), 'merge');
}
