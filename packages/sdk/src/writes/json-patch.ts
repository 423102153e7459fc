import type { KubeObject } from '@porthole/protocol';

/** One RFC 6902 operation. */
export type JsonPatchOp =
  | { op: 'test' | 'add' | 'replace'; path: string; value: unknown }
  | { op: 'remove'; path: string };

const pointer = (...keys: string[]) =>
  keys.map((k) => `/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
const metadataFields = ['labels', 'annotations', 'finalizers', 'ownerReferences'];
const notWritten = new Set(['apiVersion', 'kind', 'metadata', 'status']);

function opsFor(
  from: Record<string, unknown>,
  to: Record<string, unknown>,
  keys: Iterable<string>,
  prefix: string[],
): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  for (const key of keys) {
    const path = pointer(...prefix, key);
    if (!(key in to)) {
      if (key in from) ops.push({ op: 'remove', path });
    } else if (!(key in from)) {
      ops.push({ op: 'add', path, value: to[key] });
    } else if (JSON.stringify(from[key]) !== JSON.stringify(to[key])) {
      ops.push({ op: 'replace', path, value: to[key] });
    }
  }
  return ops;
}

/**
 * A JSON patch that turns `from` into `to`, guarded by a first `test` op on `from`'s resourceVersion, so
 * it applies only to exactly the object it was computed against (a conditional write for resources that
 * take no PUT). Top-level fields and the writable metadata are replaced whole.
 *
 * @example
 * const ops = conditionalJsonPatch(base, mine); // [{ op: 'test', path: '/metadata/resourceVersion', value: '42' }, ...]
 */
export function conditionalJsonPatch(from: KubeObject, to: KubeObject): JsonPatchOp[] {
  const fromTop = from as Record<string, unknown>;
  const toTop = to as Record<string, unknown>;
  const top = new Set([...Object.keys(fromTop), ...Object.keys(toTop)].filter((k) => !notWritten.has(k)));
  const fromMeta = (from.metadata ?? {}) as Record<string, unknown>;
  const toMeta = (to.metadata ?? {}) as Record<string, unknown>;
  return [
    { op: 'test', path: '/metadata/resourceVersion', value: from.metadata.resourceVersion },
    ...opsFor(fromMeta, toMeta, metadataFields, ['metadata']),
    ...opsFor(fromTop, toTop, top, []),
  ];
}
