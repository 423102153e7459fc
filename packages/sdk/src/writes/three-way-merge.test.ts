import { describe, expect, it } from 'vitest';
import { diffObjects, type JsonValue, threeWayMerge } from './three-way-merge.ts';

type Container = { name: string; image: string; env?: { name: string; value: string }[] };

function deployment(options: {
  replicas?: number;
  labels?: Record<string, string>;
  containers?: Container[];
}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'default',
      resourceVersion: '100',
      ...(options.labels ? { labels: options.labels } : {}),
    },
    spec: {
      replicas: options.replicas ?? 1,
      template: {
        spec: { containers: options.containers ?? [{ name: 'a', image: 'nginx:1' }] },
      },
    },
  } satisfies JsonValue;
}

const twoContainers: Container[] = [
  { name: 'a', image: 'nginx:1' },
  { name: 'b', image: 'redis:7' },
];

describe('threeWayMerge', () => {
  it('merges a label added by me with replicas changed by them', () => {
    const base = deployment({});
    const mine = deployment({ labels: { team: 'a' } });
    const theirs = { ...deployment({ replicas: 5 }), metadata: { ...base.metadata, resourceVersion: '101' } };
    const result = threeWayMerge(base, mine, theirs);
    expect(result.conflicts).toEqual([]);
    expect(result.merged).toEqual({
      ...deployment({ replicas: 5, labels: { team: 'a' } }),
      metadata: { name: 'web', namespace: 'default', labels: { team: 'a' }, resourceVersion: '101' },
    });
    expect(result.mineChanges.map((c) => c.path)).toEqual(['metadata.labels']);
    expect(result.theirChanges).toMatchObject([{ path: 'spec.replicas', before: 1, after: 5 }]);
  });

  it('reports replicas 1→3 by me and 1→5 by them as a conflict, keeping theirs in merged', () => {
    const result = threeWayMerge(deployment({}), deployment({ replicas: 3 }), deployment({ replicas: 5 }));
    expect(result.conflicts).toEqual([{ path: 'spec.replicas', base: 1, mine: 3, theirs: 5 }]);
    expect(result.merged).toEqual(deployment({ replicas: 5 }));
  });

  it('treats the same change on both sides as shared, not a conflict', () => {
    const result = threeWayMerge(deployment({}), deployment({ replicas: 3 }), deployment({ replicas: 3 }));
    expect(result.conflicts).toEqual([]);
    expect(result.merged).toEqual(deployment({ replicas: 3 }));
  });

  it('merges per container: my image change to a, their env added to b', () => {
    const base = deployment({ containers: twoContainers });
    const mine = deployment({ containers: [{ name: 'a', image: 'nginx:2' }, twoContainers[1]!] });
    const withEnv = { ...twoContainers[1]!, env: [{ name: 'MODE', value: 'ha' }] };
    const theirs = deployment({ containers: [twoContainers[0]!, withEnv] });
    const result = threeWayMerge(base, mine, theirs);
    expect(result.conflicts).toEqual([]);
    expect(result.merged).toEqual(deployment({ containers: [{ name: 'a', image: 'nginx:2' }, withEnv] }));
    expect(result.mineChanges).toMatchObject([
      {
        path: 'spec.template.spec.containers[name=a].image',
        before: 'nginx:1',
        after: 'nginx:2',
        segments: [
          { kind: 'key', key: 'spec' },
          { kind: 'key', key: 'template' },
          { kind: 'key', key: 'spec' },
          { kind: 'key', key: 'containers' },
          { kind: 'item', listKey: 'containers', mergeKey: 'name', value: 'a' },
          { kind: 'key', key: 'image' },
        ],
      },
    ]);
    expect(result.theirChanges.map((c) => c.path)).toEqual(['spec.template.spec.containers[name=b].env']);
  });

  it("reports both sides changing container a's image differently at that image", () => {
    const result = threeWayMerge(
      deployment({ containers: twoContainers }),
      deployment({ containers: [{ name: 'a', image: 'nginx:2' }, twoContainers[1]!] }),
      deployment({ containers: [{ name: 'a', image: 'nginx:3' }, twoContainers[1]!] }),
    );
    expect(result.conflicts).toEqual([
      {
        path: 'spec.template.spec.containers[name=a].image',
        base: 'nginx:1',
        mine: 'nginx:2',
        theirs: 'nginx:3',
      },
    ]);
  });

  it('orders keyed items as theirs, with mine appended; keeps my order when theirs kept the order', () => {
    const c = (name: string) => ({ name, image: 'x' });
    const base = deployment({ containers: [c('a'), c('b')] });
    const appended = threeWayMerge(
      base,
      deployment({ containers: [c('z'), c('a'), c('b')] }),
      deployment({ containers: [c('b'), c('y'), c('a')] }),
    );
    expect(appended.merged).toEqual(deployment({ containers: [c('b'), c('y'), c('a'), c('z')] }));
    const inserted = threeWayMerge(
      base,
      deployment({ containers: [c('z'), c('a')] }),
      deployment({ replicas: 2, containers: [c('a'), c('b')] }),
    );
    expect(inserted.merged).toEqual(deployment({ replicas: 2, containers: [c('z'), c('a')] }));
  });

  it('never diffs server-owned metadata or status, and takes them from theirs', () => {
    const base = {
      metadata: { name: 'x', uid: 'u1', generation: 1, managedFields: [{ manager: 'k' }] },
      status: { ready: 1 },
    };
    const mine = { metadata: { name: 'x', uid: 'u9', generation: 7 }, status: { ready: 9 } };
    const theirs = {
      metadata: { name: 'x', uid: 'u1', generation: 2, creationTimestamp: 't' },
      status: { ready: 2 },
    };
    const result = threeWayMerge(base, mine, theirs);
    expect(result).toMatchObject({ mineChanges: [], theirChanges: [], conflicts: [] });
    expect(result.merged).toEqual(theirs);
    const withStatus = threeWayMerge(base, mine, theirs, { includeStatus: true });
    expect(withStatus.conflicts).toEqual([{ path: 'status.ready', base: 1, mine: 9, theirs: 2 }]);
  });

  it('keeps the server-owned fields of spec.template.metadata-like nested metadata in the diff', () => {
    const changes = diffObjects({ spec: { metadata: { uid: 'a' } } }, { spec: { metadata: { uid: 'b' } } });
    expect(changes.map((c) => c.path)).toEqual(['spec.metadata.uid']);
  });

  it('treats other lists as atomic: one change, and a conflict when both rewrite them', () => {
    const base = { spec: { args: ['--a'], finalizers: ['x'] } };
    const result = threeWayMerge(
      base,
      { spec: { args: ['--a', '--b'], finalizers: ['x'] } },
      { spec: { args: ['--c'], finalizers: ['x', 'y'] } },
    );
    expect(result.mineChanges).toMatchObject([{ path: 'spec.args', before: ['--a'], after: ['--a', '--b'] }]);
    expect(result.conflicts).toEqual([
      { path: 'spec.args', base: ['--a'], mine: ['--a', '--b'], theirs: ['--c'] },
    ]);
    expect(result.merged).toEqual({ spec: { args: ['--c'], finalizers: ['x', 'y'] } });
  });

  it('treats a list of named things as atomic when an item lacks a unique key on any side', () => {
    const base = { spec: { containers: [{ name: 'a', image: '1' }] } };
    const theirs: JsonValue = { spec: { containers: [{ name: 'a', image: '1' }, { image: 'anonymous' }] } };
    const result = threeWayMerge(base, { spec: { containers: [{ name: 'a', image: '2' }] } }, theirs);
    expect(result.mineChanges.map((c) => c.path)).toEqual(['spec.containers']);
    expect(result.conflicts.map((c) => c.path)).toEqual(['spec.containers']);
  });

  it('chooses the ports key by what the items have: name, then containerPort, then port', () => {
    const ports = (list: JsonValue[]) => ({ spec: { ports: list } });
    const named = diffObjects(ports([{ name: 'http', port: 80 }]), ports([{ name: 'http', port: 8080 }]));
    expect(named.map((c) => c.path)).toEqual(['spec.ports[name=http].port']);
    const unnamed = diffObjects(
      ports([
        { port: 80, targetPort: 1 },
        { name: 'x', port: 81 },
      ]),
      ports([
        { port: 80, targetPort: 2 },
        { name: 'x', port: 81 },
      ]),
    );
    expect(unnamed.map((c) => c.path)).toEqual(['spec.ports[port=80].targetPort']);
  });

  it('reports my removal of spec.template against their edit inside it at the edited path', () => {
    const base = deployment({ containers: twoContainers });
    const { template: _, ...specWithoutTemplate } = base.spec;
    const mine = { ...base, spec: specWithoutTemplate };
    const theirs = deployment({ containers: [{ name: 'a', image: 'nginx:9' }, twoContainers[1]!] });
    const result = threeWayMerge(base, mine, theirs);
    expect(result.conflicts).toEqual([
      {
        path: 'spec.template.spec.containers[name=a].image',
        base: 'nginx:1',
        mine: undefined,
        theirs: 'nginx:9',
      },
    ]);
    expect(result.merged).toEqual(theirs);
  });

  it('reports my edit below a value they replaced whole, and accepts a removal both agree on', () => {
    const base = { data: { x: '1', y: '2' } };
    const replaced = threeWayMerge(base, { data: { x: '5', y: '2' } }, { data: 'gone' });
    expect(replaced.conflicts).toEqual([{ path: 'data.x', base: '1', mine: '5', theirs: undefined }]);
    const removed = threeWayMerge(base, { data: { y: '2' } }, {});
    expect(removed).toMatchObject({ conflicts: [], merged: {} });
  });

  it('reports an item I removed while they edited it, and merges an item removed on one side only', () => {
    const base = deployment({ containers: twoContainers });
    const result = threeWayMerge(
      base,
      deployment({ containers: [twoContainers[1]!] }),
      deployment({ containers: [{ name: 'a', image: 'nginx:2' }, twoContainers[1]!] }),
    );
    expect(result.conflicts).toEqual([
      {
        path: 'spec.template.spec.containers[name=a].image',
        base: 'nginx:1',
        mine: undefined,
        theirs: 'nginx:2',
      },
    ]);
    const clean = threeWayMerge(
      base,
      deployment({ containers: [twoContainers[1]!] }),
      deployment({ replicas: 4, containers: twoContainers }),
    );
    expect(clean).toMatchObject({
      conflicts: [],
      merged: deployment({ replicas: 4, containers: [twoContainers[1]!] }),
    });
  });

  it('does not modify its inputs and returns values that share nothing with them', () => {
    const base = deployment({ containers: twoContainers });
    const mine = deployment({ labels: { a: 'b' }, containers: twoContainers });
    const theirs = deployment({ replicas: 2, containers: twoContainers });
    const snapshot = structuredClone([base, mine, theirs]);
    const { merged } = threeWayMerge(base, mine, theirs);
    (merged as { spec: { replicas: number } }).spec.replicas = 99;
    expect([base, mine, theirs]).toEqual(snapshot);
  });
});

describe('diffObjects', () => {
  it('quotes keys that are not plain words and reports added and removed keys', () => {
    const changes = diffObjects(
      { metadata: { labels: { 'app.kubernetes.io/name': 'a', old: 'x' } } },
      { metadata: { labels: { 'app.kubernetes.io/name': 'b' } } },
    );
    expect(changes).toMatchObject([
      { path: 'metadata.labels["app.kubernetes.io/name"]', before: 'a', after: 'b' },
      { path: 'metadata.labels.old', before: 'x', after: undefined },
    ]);
  });

  it('returns no changes for a reordered keyed list and for inherited property names', () => {
    expect(
      diffObjects({ env: [{ name: 'a' }, { name: 'b' }] }, { env: [{ name: 'b' }, { name: 'a' }] }),
    ).toEqual([]);
    expect(diffObjects({ data: {} }, { data: { constructor: 'x' } })).toMatchObject([
      { path: 'data.constructor', before: undefined },
    ]);
  });
});

describe('threeWayMerge: every list of named things merges per item', () => {
  // Field, the item key, and two item keys: a list keyed this way merges my change of the first item
  // with their new item; an atomic list would conflict.
  it.each<[string, string, JsonValue, JsonValue, JsonValue]>([
    ['containers', 'name', 'a', 'b', 'c'],
    ['initContainers', 'name', 'a', 'b', 'c'],
    ['ephemeralContainers', 'name', 'a', 'b', 'c'],
    ['env', 'name', 'A', 'B', 'C'],
    ['ports', 'name', 'http', 'metrics', 'admin'],
    ['ports', 'containerPort', 80, 9090, 8443],
    ['ports', 'port', 80, 443, 8080],
    ['volumes', 'name', 'data', 'cache', 'tmp'],
    ['volumeMounts', 'mountPath', '/data', '/cache', '/tmp'],
    ['volumeDevices', 'devicePath', '/dev/a', '/dev/b', '/dev/c'],
    ['conditions', 'type', 'Ready', 'Available', 'Progressing'],
    ['imagePullSecrets', 'name', 'one', 'two', 'three'],
    ['hostAliases', 'ip', '10.0.0.1', '10.0.0.2', '10.0.0.3'],
    ['ownerReferences', 'uid', 'u1', 'u2', 'u3'],
  ])('%s by %s', (field, key, first, second, added) => {
    const item = (k: JsonValue, x: string) => ({ [key]: k, x });
    const object = (items: JsonValue[]) => ({ metadata: { name: 'o' }, spec: { [field]: items } });
    const result = threeWayMerge(
      object([item(first, '1'), item(second, '1')]),
      object([item(first, 'mine'), item(second, '1')]),
      object([item(first, '1'), item(second, '1'), item(added, '1')]),
    );
    expect(result.conflicts).toEqual([]);
    expect(result.merged).toEqual(object([item(first, 'mine'), item(second, '1'), item(added, '1')]));
  });

  it('treats other lists as atomic: both sides changing one is a conflict', () => {
    const object = (args: string[]) => ({ metadata: { name: 'o' }, spec: { args } });
    const result = threeWayMerge(object(['a']), object(['a', 'mine']), object(['a', 'theirs']));
    expect(result.conflicts.map((c) => c.path)).toEqual(['spec.args']);
  });
});

describe('diffObjects: what is never a change', () => {
  const base = { metadata: { name: 'o', labels: { a: '1' } }, spec: { x: 1 } };

  it('ignores the metadata the server owns', () => {
    const next = {
      ...base,
      metadata: {
        ...base.metadata,
        selfLink: '/api/v1/x',
        deletionTimestamp: '2024-05-01T10:00:00Z',
        deletionGracePeriodSeconds: 30,
        resourceVersion: '7',
      },
    };
    expect(diffObjects(base, next)).toEqual([]);
  });

  it('ignores status unless asked to include it', () => {
    const next = { ...base, status: { ready: true } };
    expect(diffObjects(base, next)).toEqual([]);
    expect(diffObjects(base, next, { includeStatus: false })).toEqual([]);
    expect(diffObjects(base, next, { includeStatus: true }).map((c) => c.path)).toEqual(['status']);
  });
});

// Each of these was found by mutation testing (`npm run mutation`): the code could be changed so that
// the behaviour went wrong while every other test stayed green.
describe('threeWayMerge: order, whole values, status and server-owned fields', () => {
  const c = (name: string, image = 'x') => ({ name, image });

  it('keeps my reordering of a keyed list when theirs edited an item but kept the order', () => {
    const base = deployment({ containers: [c('a'), c('b')] });
    const mine = deployment({ containers: [c('b'), c('a')] });
    const theirs = deployment({ containers: [c('a', 'y'), c('b')] });
    const result = threeWayMerge(base, mine, theirs);
    expect(result.conflicts).toEqual([]);
    expect(result.merged).toEqual(deployment({ containers: [c('b'), c('a', 'y')] }));
  });

  it("keeps theirs' key order in a map, mine's new keys after it", () => {
    const result = threeWayMerge({ m: { a: 1, b: 1 } }, { m: { b: 1, a: 1, c: 1 } }, { m: { a: 2, b: 1 } });
    expect(result.merged).toEqual({ m: { a: 2, b: 1, c: 1 } });
    expect(Object.keys((result.merged as { m: object }).m)).toEqual(['a', 'b', 'c']);
  });

  it('gives mine exactly, key order too, when theirs changed nothing', () => {
    const result = threeWayMerge({ m: { a: 1, b: 1 } }, { m: { b: 1, a: 2 } }, { m: { a: 1, b: 1 } });
    expect(Object.keys((result.merged as { m: object }).m)).toEqual(['b', 'a']);
  });

  it('merges and diffs values that are not objects as one value', () => {
    expect(diffObjects([1, 2], [1, 3])).toMatchObject([{ path: '', before: [1, 2], after: [1, 3] }]);
    expect(diffObjects('a', 'b')).toMatchObject([{ path: '', before: 'a', after: 'b' }]);
    expect(threeWayMerge([1], [2], [1])).toEqual({
      merged: [2],
      mineChanges: [{ path: '', segments: [], before: [1], after: [2] }],
      theirChanges: [],
      conflicts: [],
    });
    expect(threeWayMerge('a', 'b', 'c').conflicts).toEqual([{ path: '', base: 'a', mine: 'b', theirs: 'c' }]);
    // Mine replaced the object with a list while theirs kept it: the list, not a map of its items.
    expect(threeWayMerge({ a: 1 }, [1], { a: 1 }).merged).toEqual([1]);
  });

  it("merges status with includeStatus (mine's change kept) and adds no status theirs lacks", () => {
    const base = { metadata: { name: 'x' }, status: { ready: 1, phase: 'a' } };
    const mine = { metadata: { name: 'x' }, status: { ready: 2, phase: 'a' } };
    const theirs = { metadata: { name: 'x' }, status: { ready: 1, phase: 'b' } };
    const result = threeWayMerge(base, mine, theirs, { includeStatus: true });
    expect(result.conflicts).toEqual([]);
    expect(result.merged).toEqual({ metadata: { name: 'x' }, status: { ready: 2, phase: 'b' } });
    const none = threeWayMerge(
      { metadata: { name: 'x' } },
      { metadata: { name: 'y' } },
      { metadata: { name: 'x' } },
    );
    expect(Object.keys(none.merged as object)).toEqual(['metadata']);
  });

  it("puts theirs' server-owned metadata back when mine removed metadata altogether", () => {
    const base = { metadata: { name: 'x', resourceVersion: '5', uid: 'u' }, spec: { a: 1 } };
    const mine = { spec: { a: 1 } };
    const result = threeWayMerge(base, mine, base);
    expect(result.mineChanges.map((change) => change.path)).toEqual(['metadata']);
    expect(result.merged).toEqual({ spec: { a: 1 }, metadata: { resourceVersion: '5', uid: 'u' } });
  });

  it('leaves out what one side removed while the other edited beside it: no undefined in lists or maps', () => {
    const list = threeWayMerge(
      deployment({ containers: [c('a'), c('b')] }),
      deployment({ containers: [c('a')] }),
      deployment({ containers: [c('a', 'y'), c('b')] }),
    );
    expect(list.merged).toStrictEqual(deployment({ containers: [c('a', 'y')] }));
    const map = threeWayMerge({ m: { x: 1, y: 1 } }, { m: { x: 1 } }, { m: { x: 2, y: 1 } });
    expect(map.merged).toStrictEqual({ m: { x: 2 } });
  });

  it('takes their removal of a keyed list I only reordered, without a conflict (a reorder is no change)', () => {
    const base = { spec: { containers: [c('a'), c('b')] } };
    const result = threeWayMerge(base, { spec: { containers: [c('b'), c('a')] } }, { spec: {} });
    expect(result.mineChanges).toEqual([]);
    expect(result.conflicts).toEqual([]);
    expect(result.merged).toStrictEqual({ spec: {} });
  });

  it('decides a list is keyed on all three versions for both diffs', () => {
    // Mine has two containers named a: the list is atomic in every diff of this merge, theirs' too.
    const base = deployment({ containers: [c('a')] });
    const mine = deployment({ containers: [c('a'), c('a')] });
    const theirs = deployment({ containers: [c('a', 'y')] });
    const result = threeWayMerge(base, mine, theirs);
    expect(result.mineChanges.map((change) => change.path)).toEqual(['spec.template.spec.containers']);
    expect(result.theirChanges.map((change) => change.path)).toEqual(['spec.template.spec.containers']);
    expect(result.conflicts.map((conflict) => conflict.path)).toEqual(['spec.template.spec.containers']);
  });
});
