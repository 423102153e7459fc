import { formatPath, itemSegment, keySegment, type PathSegment, valueAt } from './json-path.ts';
import { isJsonObject, type JsonValue, jsonEqual, own, presentKeys } from './json-value.ts';
import { type ItemKey, indexItems, itemKeyOf, mergeKeyFor } from './merge-keys.ts';

export type { PathSegment } from './json-path.ts';
export type { JsonValue } from './json-value.ts';

/** One path where both sides changed the same thing differently; values are undefined when absent on that side. */
export interface MergeConflict {
  path: string;
  base: JsonValue | undefined;
  mine: JsonValue | undefined;
  theirs: JsonValue | undefined;
}

/** One thing that changed between two versions of an object: a key or keyed-list item added, removed or changed. */
export interface Change {
  /** Human-readable path, e.g. `spec.template.spec.containers[name=a].image`. */
  path: string;
  segments: PathSegment[];
  /** `undefined` when the path was added. */
  before: JsonValue | undefined;
  /** `undefined` when the path was removed. */
  after: JsonValue | undefined;
}

export interface MergeOptions {
  /** Diff and merge `status` too (for writes to the status subresource); default false. */
  includeStatus?: boolean;
}

export interface ThreeWayMergeResult {
  /** `theirs` with `mine`'s changes applied; at conflicting paths it keeps `theirs`' values. */
  merged: JsonValue;
  /** base → mine. */
  mineChanges: Change[];
  /** base → theirs. */
  theirChanges: Change[];
  /** Empty when the merge is safe to write. */
  conflicts: MergeConflict[];
}

/** Metadata the server owns: never part of a diff, and always taken from `theirs`. */
const serverOwnedMetadata = [
  'resourceVersion',
  'managedFields',
  'generation',
  'uid',
  'creationTimestamp',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];

type Slot = JsonValue | undefined;
type Shape = { kind: 'map' } | { kind: 'list'; listKey: string; mergeKey: string };
interface Child {
  key: ItemKey;
  segments: PathSegment[];
  values: Slot[];
}

/** The object without the fields the server owns (a fresh root; subtrees shared). */
function withoutServerOwned(value: JsonValue, includeStatus: boolean): JsonValue {
  if (!isJsonObject(value)) return value;
  const entries = new Map(presentKeys(value).map((key) => [key, value[key] as JsonValue]));
  if (!includeStatus) entries.delete('status');
  const metadata = entries.get('metadata');
  if (isJsonObject(metadata)) {
    const kept = presentKeys(metadata).filter((key) => !serverOwnedMetadata.includes(key));
    entries.set('metadata', Object.fromEntries(kept.map((key) => [key, metadata[key] as JsonValue])));
  }
  return Object.fromEntries(entries);
}

/** `merged` with the server-owned fields `theirs` has. */
function withServerOwnedOf(merged: JsonValue, theirs: JsonValue, includeStatus: boolean): JsonValue {
  if (!isJsonObject(merged) || !isJsonObject(theirs)) return merged;
  const entries = new Map(Object.entries(merged));
  const status = own(theirs, 'status');
  if (!includeStatus && status !== undefined) entries.set('status', status);
  const theirMetadata = own(theirs, 'metadata');
  const owned = isJsonObject(theirMetadata)
    ? serverOwnedMetadata.flatMap((key) => {
        const value = own(theirMetadata, key);
        return value === undefined ? [] : [[key, value] as const];
      })
    : [];
  const metadata = entries.get('metadata');
  if (owned.length > 0 && metadata === undefined) entries.set('metadata', Object.fromEntries(owned));
  if (owned.length > 0 && isJsonObject(metadata)) {
    entries.set('metadata', Object.fromEntries([...Object.entries(metadata), ...owned]));
  }
  return Object.fromEntries(entries);
}

/**
 * How the values at one path are walked together: per map key, per item of a keyed list, or not at all
 * (then a difference is one change at this path). Whether a list is keyed is decided on every version
 * (`nodes` and `witnesses`) at once, so both diffs of a merge agree.
 */
function shapeOf(segments: PathSegment[], nodes: Slot[], witnesses: Slot[]): Shape | undefined {
  if (nodes.every(isJsonObject)) return { kind: 'map' };
  const last = segments.at(-1);
  if (last?.kind !== 'key' || !nodes.every(Array.isArray)) return undefined;
  const lists = [...nodes, ...witnesses].filter((node) => Array.isArray(node));
  const mergeKey = mergeKeyFor(last.key, lists);
  return mergeKey === undefined ? undefined : { kind: 'list', listKey: last.key, mergeKey };
}

function keysOf(shape: Shape, node: Slot): ItemKey[] {
  if (shape.kind === 'map') return isJsonObject(node) ? presentKeys(node) : [];
  return Array.isArray(node) ? node.flatMap((item) => itemKeyOf(item, shape.mergeKey) ?? []) : [];
}

/** The children of `nodes` (same shape), in the order their keys first appear in `orderBy`. */
function children(shape: Shape, segments: PathSegment[], nodes: Slot[], orderBy: Slot[]): Child[] {
  const lookups = nodes.map((node): ((key: ItemKey) => Slot) => {
    if (shape.kind === 'map') return (key) => (isJsonObject(node) ? own(node, String(key)) : undefined);
    const items = indexItems(node, shape.mergeKey);
    return (key) => items.get(key);
  });
  const keys = new Set(orderBy.flatMap((node) => keysOf(shape, node)));
  return [...keys].map((key) => ({
    key,
    segments: [
      ...segments,
      shape.kind === 'map' ? keySegment(String(key)) : itemSegment(shape.listKey, shape.mergeKey, key),
    ],
    values: lookups.map((lookup) => lookup(key)),
  }));
}

function diffInto(changes: Change[], segments: PathSegment[], before: Slot, after: Slot, witnesses: Slot[]) {
  if (jsonEqual(before, after)) return;
  const shape = shapeOf(segments, [before, after], witnesses);
  if (shape === undefined) {
    changes.push({ path: formatPath(segments), segments, before, after });
    return;
  }
  for (const child of children(shape, segments, [before, after, ...witnesses], [before, after])) {
    const [childBefore, childAfter, ...childWitnesses] = child.values;
    diffInto(changes, child.segments, childBefore, childAfter, childWitnesses);
  }
}

const sameItemOrder = (shape: Shape, a: Slot, b: Slot) => jsonEqual(keysOf(shape, a), keysOf(shape, b));

/** Merges the values at one path; reports conflicts at or below it. */
function mergeAt(
  conflicts: MergeConflict[],
  segments: PathSegment[],
  base: Slot,
  mine: Slot,
  theirs: Slot,
): Slot {
  if (jsonEqual(mine, base) || jsonEqual(mine, theirs)) return theirs;
  if (jsonEqual(theirs, base)) return mine;
  const shape = shapeOf(segments, [base, mine, theirs], []);
  if (shape === undefined) return settleReplacement(conflicts, segments, base, mine, theirs);
  // Theirs' order with mine's additions appended; mine's order when theirs kept the items' order.
  const mineOrders = shape.kind === 'list' && sameItemOrder(shape, base, theirs);
  const merged = children(shape, segments, [base, mine, theirs], mineOrders ? [mine, theirs] : [theirs, mine])
    .map((child) => {
      const [childBase, childMine, childTheirs] = child.values;
      return [child.key, mergeAt(conflicts, child.segments, childBase, childMine, childTheirs)] as const;
    })
    .filter((entry): entry is readonly [ItemKey, JsonValue] => entry[1] !== undefined);
  return shape.kind === 'map' ? Object.fromEntries(merged) : merged.map(([, value]) => value);
}

/**
 * At least one side replaced the value here whole (added or removed it, changed its type, rewrote an
 * atomic list). Both did → one conflict here. One did → each change the other side made below must
 * already hold in the replacement, else it is a conflict at that (more specific) path.
 */
function settleReplacement(
  conflicts: MergeConflict[],
  segments: PathSegment[],
  base: Slot,
  mine: Slot,
  theirs: Slot,
): Slot {
  const mineChanges: Change[] = [];
  const theirChanges: Change[] = [];
  diffInto(mineChanges, segments, base, mine, [theirs]);
  diffInto(theirChanges, segments, base, theirs, [mine]);
  const here = (change: Change) => change.segments.length === segments.length;
  const mineReplaced = mineChanges.some(here);
  const edits = mineReplaced ? theirChanges : mineChanges;
  const replacement = mineReplaced ? mine : theirs;
  const found = edits.flatMap((change): MergeConflict[] => {
    const below = change.segments.slice(segments.length);
    if (!here(change) && jsonEqual(valueAt(replacement, below), change.after)) return [];
    return [
      {
        path: change.path,
        base: valueAt(base, below),
        mine: valueAt(mine, below),
        theirs: valueAt(theirs, below),
      },
    ];
  });
  conflicts.push(...found);
  return mineReplaced && found.length === 0 ? mine : theirs;
}

/**
 * The changes from `base` to `next`, each at the most specific path: map keys one by one, lists of named
 * things (containers, env, ports, volumes, conditions, ...) item by item by their merge key, other lists
 * whole. Server-owned metadata (resourceVersion, managedFields, generation, uid, ...) and `status` (unless
 * `includeStatus`) are left out. Returned values share nothing with the inputs.
 *
 * @example
 * diffObjects(
 *   { spec: { containers: [{ name: 'a', image: 'nginx:1' }] } },
 *   { spec: { containers: [{ name: 'a', image: 'nginx:2' }] } },
 * );
 * // [{ path: 'spec.containers[name=a].image', before: 'nginx:1', after: 'nginx:2', segments: [...] }]
 */
export function diffObjects(base: JsonValue, next: JsonValue, options: MergeOptions = {}): Change[] {
  const includeStatus = options.includeStatus ?? false;
  const changes: Change[] = [];
  diffInto(changes, [], withoutServerOwned(base, includeStatus), withoutServerOwned(next, includeStatus), []);
  return structuredClone(changes);
}

/**
 * Rebases `mine` (the user's edit of `base`) onto `theirs` (the latest object): `merged` is `theirs` with
 * base → mine applied. A path both sides changed to different results is a conflict, reported once at the
 * most specific path with the three values there; so is a change below a path the other side replaced
 * whole (removed `spec.template` vs an edited image inside it), and a key both sides added with different
 * values. Lists of named things merge per item, in theirs' order with mine's additions appended (in
 * mine's order when theirs kept the base's order); other lists are atomic. Server-owned metadata and
 * `status` (unless `includeStatus`) are never diffed and come from `theirs`. Inputs are not modified.
 *
 * @example
 * const { merged, conflicts } = threeWayMerge(
 *   { metadata: { name: 'web' }, spec: { replicas: 1 } },
 *   { metadata: { name: 'web', labels: { team: 'a' } }, spec: { replicas: 1 } },
 *   { metadata: { name: 'web' }, spec: { replicas: 5 } },
 * );
 * // merged: { metadata: { name: 'web', labels: { team: 'a' } }, spec: { replicas: 5 } }, conflicts: []
 */
export function threeWayMerge(
  base: JsonValue,
  mine: JsonValue,
  theirs: JsonValue,
  options: MergeOptions = {},
): ThreeWayMergeResult {
  const includeStatus = options.includeStatus ?? false;
  const b = withoutServerOwned(base, includeStatus);
  const m = withoutServerOwned(mine, includeStatus);
  const t = withoutServerOwned(theirs, includeStatus);
  const conflicts: MergeConflict[] = [];
  const merged = mergeAt(conflicts, [], b, m, t) ?? t;
  const mineChanges: Change[] = [];
  const theirChanges: Change[] = [];
  diffInto(mineChanges, [], b, m, [t]);
  diffInto(theirChanges, [], b, t, [m]);
  return structuredClone({
    merged: withServerOwnedOf(merged, theirs, includeStatus),
    mineChanges,
    theirChanges,
    conflicts,
  });
}
