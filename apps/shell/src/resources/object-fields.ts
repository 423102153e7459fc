import type { KubeObject } from '@porthole/sdk';

/** An owner of an object (`metadata.ownerReferences[]`). */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
}

/** One entry of `status.conditions`. */
export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(record(value) ?? {})) if (typeof v === 'string') out[key] = v;
  return out;
}

/**
 * A field of an object by path, as `unknown` (objects are raw JSON).
 *
 * @example
 * fieldOf(pod, 'status', 'phase'); // 'Running'
 */
export function fieldOf(object: KubeObject | undefined, ...path: string[]): unknown {
  let value: unknown = object;
  for (const key of path) value = record(value)?.[key];
  return value;
}

/** `metadata.namespace`, or `undefined` for a cluster-scoped object. */
export function namespaceOf(object: KubeObject): string | undefined {
  return text(object.metadata.namespace);
}

/** `metadata.creationTimestamp`. */
export function createdOf(object: KubeObject): string | undefined {
  return text(object.metadata.creationTimestamp);
}

/**
 * `metadata.labels` (string values only).
 *
 * @example
 * labelsOf(pod); // { app: 'web' }
 */
export function labelsOf(object: KubeObject): Record<string, string> {
  return stringMap(object.metadata.labels);
}

/** `metadata.annotations` (string values only). */
export function annotationsOf(object: KubeObject): Record<string, string> {
  return stringMap(object.metadata.annotations);
}

/** `metadata.ownerReferences`, leaving out malformed entries. */
export function ownerReferencesOf(object: KubeObject): OwnerReference[] {
  const raw = object.metadata.ownerReferences;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const r = record(entry);
    const apiVersion = text(r?.apiVersion);
    const kind = text(r?.kind);
    const name = text(r?.name);
    if (!apiVersion || !kind || !name) return [];
    return [{ apiVersion, kind, name, uid: text(r?.uid) ?? '', controller: r?.controller === true }];
  });
}

/** `status.conditions`, leaving out entries without a type. */
export function conditionsOf(object: KubeObject): Condition[] {
  const raw = fieldOf(object, 'status', 'conditions');
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const r = record(entry);
    const type = text(r?.type);
    if (!type) return [];
    return [
      {
        type,
        status: text(r?.status) ?? '',
        reason: text(r?.reason),
        message: text(r?.message),
        lastTransitionTime: text(r?.lastTransitionTime) ?? text(r?.lastUpdateTime),
      },
    ];
  });
}
