import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPath, itemSegment, keySegment, type PathSegment, valueAt } from './json-path.ts';
import { isJsonObject, type JsonObject, type JsonValue, jsonEqual } from './json-value.ts';
import { threeWayMerge } from './three-way-merge.ts';

// Generated objects: small nested maps of scalars, keyed lists (containers and their env, by name) and
// atomic lists (args, finalizers), plus server-owned fields the merge must ignore.
const scalar = fc.oneof(
  fc.integer({ min: 0, max: 3 }),
  fc.constantFrom('x', 'y'),
  fc.boolean(),
  fc.constant(null),
);
const leafValue: fc.Arbitrary<JsonValue> = fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }));
const tree = (depth: number): fc.Arbitrary<JsonValue> =>
  depth === 0
    ? leafValue
    : fc.oneof(leafValue, fc.dictionary(fc.constantFrom('p', 'q', 'r'), tree(depth - 1), { maxKeys: 3 }));
const envVar = fc.record({ name: fc.constantFrom('A', 'B', 'C'), value: scalar });
const container = fc.record(
  {
    name: fc.constantFrom('a', 'b', 'c'),
    image: fc.constantFrom('nginx:1', 'nginx:2'),
    env: fc.uniqueArray(envVar, { selector: (e) => e.name, maxLength: 2 }),
    args: fc.array(scalar, { maxLength: 2 }),
    extra: tree(1),
  },
  { requiredKeys: ['name'] },
);
const workload = fc
  .record({
    apiVersion: fc.constant('v1'),
    metadata: fc.record({
      name: fc.constant('w'),
      resourceVersion: fc.constantFrom('1', '2'),
      labels: fc.dictionary(fc.constantFrom('app', 'tier'), fc.constantFrom('x', 'y'), { maxKeys: 2 }),
    }),
    spec: fc.record(
      {
        replicas: fc.integer({ min: 0, max: 5 }),
        containers: fc.uniqueArray(container, { selector: (c) => c.name, maxLength: 3 }),
        config: tree(2),
        finalizers: fc.array(scalar, { maxLength: 2 }),
      },
      { requiredKeys: ['containers'] },
    ),
    status: fc.record({ ready: fc.integer({ min: 0, max: 3 }) }),
  })
  .map((object) => object as unknown as JsonObject);

const keyedLists = new Set(['containers', 'env']);
/** Whether the list under `key` is merged per item: the generator's own account, independent of merge-keys.ts. */
const isNamedList = (key: string | undefined, list: JsonValue | undefined): list is JsonObject[] =>
  key !== undefined &&
  keyedLists.has(key) &&
  Array.isArray(list) &&
  list.every((item) => isJsonObject(item) && typeof item.name === 'string') &&
  new Set(list.map((item) => (item as JsonObject).name)).size === list.length;

interface EditablePath {
  segments: PathSegment[];
  leaf: boolean;
}

/** Every path an edit may target: not server-owned, not an item's merge key. */
function editablePaths(value: JsonValue, segments: PathSegment[] = []): EditablePath[] {
  if (!isJsonObject(value)) return [];
  const atItem = segments.at(-1)?.kind === 'item';
  return Object.entries(value).flatMap(([key, child]) => {
    if ((segments.length === 0 && key === 'status') || (segments.length === 1 && key === 'resourceVersion'))
      return [];
    if (atItem && key === 'name') return [];
    const path = [...segments, keySegment(key)];
    if (isNamedList(key, child)) {
      const items = child.flatMap((item) => {
        const itemPath = [...path, itemSegment(key, 'name', String(item.name))];
        return [{ segments: itemPath, leaf: false }, ...editablePaths(item, itemPath)];
      });
      return [{ segments: path, leaf: false }, ...items];
    }
    if (isJsonObject(child) && Object.keys(child).length > 0) {
      return [{ segments: path, leaf: false }, ...editablePaths(child, path)];
    }
    return [{ segments: path, leaf: true }];
  });
}

/** A copy of `root` with the value at `segments` set (or removed when `undefined`); no-op when the parent is gone. */
function setAt(root: JsonValue, segments: PathSegment[], value: JsonValue | undefined): JsonValue {
  const copy = structuredClone(root);
  const parent = valueAt(copy, segments.slice(0, -1));
  const last = segments.at(-1);
  if (last?.kind === 'key' && isJsonObject(parent)) {
    if (value === undefined) delete parent[last.key];
    else parent[last.key] = value;
  } else if (last?.kind === 'item' && Array.isArray(parent)) {
    const index = parent.findIndex((item) => isJsonObject(item) && item[last.mergeKey] === last.value);
    if (index >= 0 && value === undefined) parent.splice(index, 1);
    else if (index >= 0 && value !== undefined) parent[index] = value;
  }
  return copy;
}

/** Keyed lists sorted by name: their order is not part of what "the same object" means across merge orders. */
function canonical(value: JsonValue, key?: string): JsonValue {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonical(item));
    if (!isNamedList(key, items)) return items;
    return items.sort((a, b) => String(a.name).localeCompare(String(b.name)));
  }
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v, k)]));
}

/** The object without what the merge takes from theirs whatever mine says (status, resourceVersion). */
function withoutServerOwned(value: JsonValue): JsonValue {
  if (!isJsonObject(value)) return value;
  const { status: _, metadata, ...rest } = value;
  if (!isJsonObject(metadata)) return metadata === undefined ? rest : { ...rest, metadata };
  const { resourceVersion: __, ...ownMetadata } = metadata;
  return Object.keys(ownMetadata).length === 0 ? rest : { ...rest, metadata: ownMetadata };
}

/** One edit: set or remove a path, add a named item to a keyed list, or move an item within it. */
const edit = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    at: fc.nat(),
    value: fc.option(leafValue, { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('add' as const),
    at: fc.nat(),
    name: fc.constantFrom('C', 'd', 'e'),
    position: fc.nat(),
  }),
  fc.record({ kind: fc.constant('move' as const), at: fc.nat(), position: fc.nat() }),
);
type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;

function applyEdit(object: JsonValue, change: Edit): JsonValue {
  const paths = editablePaths(object);
  const target = paths[change.at % Math.max(paths.length, 1)];
  if (target === undefined) return object;
  const last = target.segments.at(-1);
  if (change.kind === 'set') return setAt(object, target.segments, change.value);
  const list = last?.kind === 'item' ? target.segments.slice(0, -1) : target.segments;
  const items = valueAt(object, list);
  const listKey = list.at(-1);
  if (listKey?.kind !== 'key' || !isNamedList(listKey.key, items)) return object;
  if (change.kind === 'add') {
    if (items.some((item) => item.name === change.name)) return object;
    const added: JsonObject =
      listKey.key === 'env' ? { name: change.name, value: 'new' } : { name: change.name, image: 'new' };
    return setAt(object, list, items.toSpliced(change.position % (items.length + 1), 0, added));
  }
  if (items.length < 2) return object;
  const [moved, ...rest] = items;
  return setAt(object, list, rest.toSpliced(change.position % items.length, 0, moved as JsonObject));
}

const edits = fc.array(edit, { maxLength: 3 });
const applyEdits = (object: JsonValue, list: Edit[]) => list.reduce(applyEdit, object);
const conflictPaths = (result: ReturnType<typeof threeWayMerge>) =>
  result.conflicts.map((c) => c.path).sort();

describe('threeWayMerge (properties)', () => {
  it('merges non-overlapping edits to the same object in either order', () => {
    let clean = 0;
    fc.assert(
      fc.property(workload, edits, edits, (base, a, b) => {
        const mineA = applyEdits(base, a);
        const mineB = applyEdits(base, b);
        const ab = threeWayMerge(base, mineA, mineB);
        const ba = threeWayMerge(base, mineB, mineA);
        expect(conflictPaths(ab)).toEqual(conflictPaths(ba));
        if (ab.conflicts.length > 0) return;
        clean++;
        expect(canonical(withoutServerOwned(ab.merged))).toEqual(canonical(withoutServerOwned(ba.merged)));
      }),
      { numRuns: 500 },
    );
    expect(clean).toBeGreaterThan(250);
  });

  it('reports a conflict exactly where both sides changed one leaf differently, and merges the rest', () => {
    const leafEdit = fc.oneof(
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.record({ value: fc.option(leafValue, { nil: undefined }) }) },
    );
    const scenario = workload.chain((base) => {
      const leaves = editablePaths(base).filter((path) => path.leaf);
      return fc.tuple(
        fc.constant(base),
        fc.tuple(...leaves.map((leaf) => fc.tuple(fc.constant(leaf), leafEdit, leafEdit))),
      );
    });
    fc.assert(
      fc.property(scenario, ([base, plan]) => {
        let mine: JsonValue = base;
        let theirs: JsonValue = base;
        const expected: {
          path: string;
          base: JsonValue | undefined;
          mine: JsonValue | undefined;
          theirs: JsonValue | undefined;
        }[] = [];
        const mineClean: [PathSegment[], JsonValue | undefined][] = [];
        for (const [leaf, mineEdit, theirEdit] of plan) {
          const before = valueAt(base, leaf.segments);
          if (mineEdit) mine = setAt(mine, leaf.segments, mineEdit.value);
          if (theirEdit) theirs = setAt(theirs, leaf.segments, theirEdit.value);
          const mineChanged = mineEdit !== undefined && !jsonEqual(mineEdit.value, before);
          const theirChanged = theirEdit !== undefined && !jsonEqual(theirEdit.value, before);
          if (mineChanged && theirChanged && !jsonEqual(mineEdit.value, theirEdit.value)) {
            expected.push({
              path: formatPath(leaf.segments),
              base: before,
              mine: mineEdit.value,
              theirs: theirEdit.value,
            });
          } else if (mineChanged) {
            mineClean.push([leaf.segments, mineEdit.value]);
          }
        }
        const result = threeWayMerge(base, mine, theirs);
        const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
        expect(result.conflicts.toSorted(byPath)).toEqual(expected.toSorted(byPath));
        const merged = mineClean.reduce(
          (object, [segments, value]) => setAt(object, segments, value),
          theirs,
        );
        expect(result.merged).toEqual(merged);
      }),
      { numRuns: 500 },
    );
  });

  it('returns mine when theirs is the base (server-owned fields aside) and theirs when mine is', () => {
    const serverSide = fc.record({ resourceVersion: fc.constantFrom('7', '8'), ready: fc.nat(3) });
    fc.assert(
      fc.property(workload, edits, serverSide, (base, list, server) => {
        const edited = applyEdits(base, list) as JsonObject;
        const changed = {
          ...edited,
          metadata: { ...(edited.metadata as JsonObject), resourceVersion: server.resourceVersion },
          status: { ready: server.ready },
        };
        const kept = threeWayMerge(base, changed, base).merged;
        expect(withoutServerOwned(kept)).toEqual(withoutServerOwned(changed));
        expect((kept as JsonObject).status).toEqual(base.status);
        expect(valueAt(kept, [keySegment('metadata'), keySegment('resourceVersion')])).toBe(
          valueAt(base, [keySegment('metadata'), keySegment('resourceVersion')]),
        );
        expect(threeWayMerge(base, base, changed).merged).toEqual(changed);
      }),
      { numRuns: 300 },
    );
  });
});
