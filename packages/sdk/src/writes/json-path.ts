import { isJsonObject, type JsonValue, own } from './json-value.ts';
import { type ItemKey, itemKeyOf } from './merge-keys.ts';

/**
 * One step down a JSON tree: a map key, or the item of a keyed list named by its merge key (the list
 * itself is the `key` step before it). Each step descends exactly one level, so a path maps one to one
 * onto a JSON pointer once items are resolved to their index.
 */
export type PathSegment =
  | { kind: 'key'; key: string }
  | { kind: 'item'; listKey: string; mergeKey: string; value: string | number };

/** The `key` step. */
export const keySegment = (key: string): PathSegment => ({ kind: 'key', key });

/** The step to the item of the list `listKey` whose `mergeKey` is `value`. */
export const itemSegment = (listKey: string, mergeKey: string, value: ItemKey): PathSegment => ({
  kind: 'item',
  listKey,
  mergeKey,
  value,
});

const plainKey = /^[A-Za-z0-9_][\w-]*$/;
const plainItemValue = /^[\w./:-]+$/;

function formatItemValue(value: ItemKey): string {
  if (typeof value === 'number') return String(value);
  // Quote strings that would read as something else: numbers (`"80"` vs 80) and brackets or `=`. (A
  // plain value is never empty or blank, so `Number` reading those as 0 does not matter.)
  const numberLike = !Number.isNaN(Number(value));
  return plainItemValue.test(value) && !numberLike ? value : JSON.stringify(value);
}

/**
 * The human-readable form of a path: dotted keys, keys that aren't plain words in brackets, and keyed list
 * items as `[mergeKey=value]`.
 *
 * @example
 * formatPath([keySegment('spec'), keySegment('containers'), itemSegment('containers', 'name', 'a'), keySegment('image')]);
 * // 'spec.containers[name=a].image'
 * formatPath([keySegment('metadata'), keySegment('labels'), keySegment('app.kubernetes.io/name')]);
 * // 'metadata.labels["app.kubernetes.io/name"]'
 */
export function formatPath(segments: readonly PathSegment[]): string {
  let path = '';
  for (const segment of segments) {
    if (segment.kind === 'item') {
      path += `[${segment.mergeKey}=${formatItemValue(segment.value)}]`;
    } else if (plainKey.test(segment.key)) {
      path += path === '' ? segment.key : `.${segment.key}`;
    } else {
      path += `[${JSON.stringify(segment.key)}]`;
    }
  }
  return path;
}

/**
 * The value at `segments` below `root`, or `undefined` when the path doesn't exist there (a key is
 * missing, a step meets a scalar, or no item of the list has that key).
 *
 * @example
 * valueAt({ spec: { replicas: 3 } }, [keySegment('spec'), keySegment('replicas')]); // 3
 */
export function valueAt(
  root: JsonValue | undefined,
  segments: readonly PathSegment[],
): JsonValue | undefined {
  let node = root;
  for (const segment of segments) {
    if (segment.kind === 'key') {
      node = isJsonObject(node) ? own(node, segment.key) : undefined;
    } else {
      node = Array.isArray(node)
        ? node.find((item) => itemKeyOf(item, segment.mergeKey) === segment.value)
        : undefined;
    }
    if (node === undefined) return undefined;
  }
  return node;
}
