import { type KubeObject, StatusError } from '@porthole/protocol';
import type { HttpClient } from '../http/http-client.ts';
import { clusterPath, type ObjectRef, resourcePath } from '../http/resource-path.ts';

/** The largest replica count the API accepts (`spec.replicas` is an int32). */
export const maxReplicas = 2_147_483_647;

/** An `autoscaling/v1` Scale, as the `scale` subresource reads and writes it. */
export interface Scale extends KubeObject {
  spec?: { replicas?: number };
  status?: { replicas?: number; selector?: string };
}

/** What {@link readScale} says: the desired and the current count, and the version it read. */
export interface ScaleState {
  /** `spec.replicas` (absent means 0 in a Scale). */
  desired: number;
  /** `status.replicas`: how many the controller has now. */
  current: number;
  /** The label selector of the pods it counts (`status.selector`). */
  selector?: string;
  resourceVersion?: string;
}

/** Options of {@link scaleTo}. */
export interface ScaleOptions {
  /**
   * The count the person saw: the write is refused (409 Conflict, nothing written) when someone else
   * changed it meanwhile, like `kubectl scale --current-replicas`.
   */
  expected?: number;
  /** How many times a write that raced a status update is retried; default 3. */
  maxAttempts?: number;
}

const scalePath = (ref: ObjectRef) =>
  clusterPath(ref.cluster, resourcePath({ ...ref, subresource: 'scale' }));
const target = (ref: ObjectRef) => ({ group: ref.group, resource: `${ref.resource}/scale` });

/**
 * A replica count typed by a person, checked as the API would check it: a whole number from 0 to
 * {@link maxReplicas}. Returns the number, or a 422 `Status` error naming `spec.replicas` (never a
 * silent clamp: "abc", "-1", "2.5" and "1e12" are all refused).
 *
 * @example
 * parseReplicas('3'); // 3
 * parseReplicas('-1'); // throws StatusError 422: spec.replicas: must be a whole number from 0 to 2147483647
 */
export function parseReplicas(input: string | number, name = 'replicas'): number {
  const text = String(input).trim();
  const value = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 0 || value > maxReplicas) {
    const shown = text.length > 24 ? `${text.slice(0, 24)}…` : text;
    throw StatusError.invalid({ group: 'autoscaling', resource: 'Scale' }, name, [
      {
        field: 'spec.replicas',
        reason: 'FieldValueInvalid',
        message: `"${shown}" is not a replica count: must be a whole number from 0 to ${maxReplicas}`,
      },
    ]);
  }
  return value;
}

/**
 * Reads the `scale` subresource of a Deployment, StatefulSet, ReplicaSet (or any kind serving it).
 *
 * @example
 * const { desired, current } = await readScale(http, { cluster: 'prod', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'web', name: 'api' });
 */
export async function readScale(http: HttpClient, ref: ObjectRef): Promise<ScaleState> {
  const scale = await http.request<Scale>({ method: 'GET', path: scalePath(ref) });
  return stateOf(scale);
}

function stateOf(scale: Scale): ScaleState {
  const selector = scale.status?.selector;
  const resourceVersion = scale.metadata.resourceVersion;
  return {
    desired: scale.spec?.replicas ?? 0,
    current: scale.status?.replicas ?? 0,
    ...(selector ? { selector } : {}),
    ...(typeof resourceVersion === 'string' ? { resourceVersion } : {}),
  };
}

/**
 * Sets the replica count through the `scale` subresource (what `kubectl scale` does), conditionally:
 * each write carries the resourceVersion it read, and with `expected` it is refused when the count
 * is no longer the one the person saw. A bad count is refused before anything is sent.
 *
 * @example
 * await scaleTo(http, ref, 3, { expected: 2 }); // 409 Conflict if someone scaled it meanwhile
 */
export async function scaleTo(
  http: HttpClient,
  ref: ObjectRef,
  replicas: number | string,
  options: ScaleOptions = {},
): Promise<ScaleState> {
  const wanted = parseReplicas(replicas, ref.name);
  const attempts = options.maxAttempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    const scale = await http.request<Scale>({ method: 'GET', path: scalePath(ref) });
    const desired = scale.spec?.replicas ?? 0;
    if (options.expected !== undefined && desired !== options.expected) {
      throw StatusError.conflict(
        target(ref),
        ref.name,
        `the replica count changed from ${options.expected} to ${desired} since you looked; nothing was changed`,
      );
    }
    try {
      const written = await http.request<Scale>({
        method: 'PUT',
        path: scalePath(ref),
        body: { ...scale, spec: { ...scale.spec, replicas: wanted } },
      });
      return stateOf(written);
    } catch (err) {
      // A 409 here is mostly the controller's status update between our read and write: read again.
      if (!(err instanceof StatusError) || err.code !== 409 || attempt >= attempts) throw err;
    }
  }
}
