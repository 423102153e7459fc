import type { Change, JsonValue, KubeObject, MergeConflict } from '@porthole/sdk';
import { diffObjects, type PathSegment, threeWayMerge } from '@porthole/sdk/merge';

/** A person's choice for one conflicting field. */
export type Choice = 'theirs' | 'mine';

type JsonObject = { [key: string]: JsonValue };
const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The container one step down (created when missing), or undefined when the path can't be followed. */
function step(parent: JsonValue | undefined, segment: PathSegment): JsonValue | undefined {
  if (segment.kind === 'key') return isObject(parent) ? parent[segment.key] : undefined;
  if (!Array.isArray(parent)) return undefined;
  return parent.find((item) => isObject(item) && item[segment.mergeKey] === segment.value);
}

/** Sets (or removes, when `after` is undefined) the value at the change's path inside `root`. */
function applyChange(root: JsonValue, change: Change): void {
  const segments = change.segments;
  let parent: JsonValue | undefined = root;
  for (const segment of segments.slice(0, -1)) {
    let next = step(parent, segment);
    if (next === undefined && segment.kind === 'key' && isObject(parent)) {
      next = {};
      parent[segment.key] = next;
    }
    parent = next;
  }
  const last = segments.at(-1);
  if (!last || parent === undefined) return;
  if (last.kind === 'key' && isObject(parent)) {
    if (change.after === undefined) delete parent[last.key];
    else parent[last.key] = structuredClone(change.after);
  } else if (last.kind === 'item' && Array.isArray(parent)) {
    const at = parent.findIndex((item) => isObject(item) && item[last.mergeKey] === last.value);
    if (change.after === undefined) {
      if (at >= 0) parent.splice(at, 1);
    } else if (at >= 0) parent[at] = structuredClone(change.after);
    else parent.push(structuredClone(change.after));
  }
}

const within = (path: string, prefix: string) =>
  path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);

/**
 * The object to write after a conflict: `theirs` with the person's non-conflicting changes, and per
 * conflicting field their choice (`theirs` keeps the value now stored, `mine` takes the edit's). Pure.
 *
 * @example
 * resolveConflicts(err.base, err.mine, err.theirs, err.conflicts, { 'data.a': 'mine' });
 */
export function resolveConflicts(
  base: KubeObject,
  mine: KubeObject,
  theirs: KubeObject,
  conflicts: readonly MergeConflict[],
  choices: Readonly<Record<string, Choice>>,
): KubeObject {
  const merged = threeWayMerge(base as JsonValue, mine as JsonValue, theirs as JsonValue).merged;
  const mineChosen = conflicts.filter((c) => choices[c.path] === 'mine').map((c) => c.path);
  const changes = diffObjects(merged, mine as JsonValue).filter((change) =>
    mineChosen.some((path) => within(change.path, path)),
  );
  for (const change of changes) applyChange(merged, change);
  return merged as KubeObject;
}
