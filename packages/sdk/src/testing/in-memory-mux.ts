import type { ClusterSummary, ContextHealth, KubeconfigFileState, KubeObject } from '@porthole/protocol';
import { pluralKind } from '../access/usable-namespaces.ts';
import { type CollectionEvent, type CollectionKeys, createCollection } from '../live/collection.ts';
import type { LiveChange, LiveCollection, LiveStatus } from '../live/live-collection.ts';
import type { MuxClient } from '../live/mux-client.ts';
import type { LiveObject, WatchOneOptions, WatchOptions } from '../live/watch.ts';
import { kubeObjectKeys } from '../live/watch.ts';

/** The objects behind an in-memory {@link MuxClient}: change them and open watches see the change. */
export interface TestObjects {
  /** Adds objects to `cluster`, or replaces those with the same uid (or kind, namespace and name). */
  put(cluster: string, ...objects: KubeObject[]): void;
  /** Removes objects from `cluster` (matched like `put`). */
  remove(cluster: string, ...objects: KubeObject[]): void;
  /** The objects of `cluster` now. */
  list(cluster: string): readonly KubeObject[];
}

/** The group of an object's `apiVersion` (`batch/v1` -> `batch`, `v1` -> ``). */
function groupOf(object: KubeObject): string {
  const apiVersion = String(object.apiVersion ?? '');
  return apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
}

/** Whether `labels` satisfy a label selector of `k`, `!k`, `k=v`, `k==v`, `k!=v` terms. */
function matchesLabels(
  labels: Readonly<Record<string, string>> | undefined,
  selector: string | undefined,
): boolean {
  if (!selector) return true;
  return selector.split(',').every((raw) => {
    const term = raw.trim();
    if (term === '') return true;
    if (term.startsWith('!')) return labels?.[term.slice(1)] === undefined;
    const [key, value] = term.split(/!=|==|=/, 2).map((s) => s.trim());
    if (value === undefined) return labels?.[term] !== undefined;
    return term.includes('!=') ? labels?.[key ?? ''] !== value : labels?.[key ?? ''] === value;
  });
}

function matchesWatch(object: KubeObject, options: WatchOptions & { name?: string }): boolean {
  const meta = object.metadata;
  return (
    groupOf(object) === options.group &&
    pluralKind(String(object.kind ?? '')).toLowerCase() === options.resource &&
    (options.namespace === undefined || meta.namespace === options.namespace) &&
    (options.name === undefined || meta.name === options.name) &&
    matchesLabels(meta.labels as Record<string, string> | undefined, options.labelSelector)
  );
}

/**
 * A live collection that starts `loading` and gets its `sync` from `current()` in a microtask, as a
 * real subscription's first answer arrives after it was opened; then `feed` applies events.
 */
function liveCollection<T>(keys: CollectionKeys<T>, current: () => readonly T[]) {
  const collection = createCollection<T>(keys);
  const listeners = new Set<(change: LiveChange<T>) => void>();
  let version = 1;
  let status: LiveStatus = 'loading';
  let closed = false;
  const notify = (change: LiveChange<T>) => {
    for (const listener of [...listeners]) listener(change);
  };
  queueMicrotask(() => {
    if (closed) return;
    collection.sync(current(), String(version));
    status = 'live';
    notify({ type: 'sync' });
  });
  const live: LiveCollection<T> = {
    items: () => collection.items(),
    get: (key) => collection.get(key),
    status: () => status,
    error: () => undefined,
    cause: () => undefined,
    resourceVersion: () => collection.resourceVersion(),
    // One whole sync, never chunks.
    progress: () => undefined,
    share: (pick, keys) => collection.share(pick, keys),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      listeners.clear();
    },
  };
  const feed = (events: readonly CollectionEvent<T>[]) => {
    // Before the sync, the sync itself reads the objects as they are then.
    if (closed || status === 'loading' || events.length === 0) return;
    version += 1;
    collection.apply(events, String(version));
    notify({ type: 'events', events });
  };
  return { live, feed, isClosed: () => closed };
}

function notInMemory(what: string): never {
  throw new Error(
    `createTestPorthole: ${what} has no in-memory form; test it against a real porthole serve (createTestPorthole({ url }))`,
  );
}

/** Options of {@link createInMemoryMux}. */
export interface InMemoryMuxOptions {
  /** The objects to start with, by cluster. */
  objects: Readonly<Record<string, readonly KubeObject[]>>;
  /** What `clusters()` lists. */
  clusters: readonly ClusterSummary[];
}

/**
 * A {@link MuxClient} over objects held in memory, for fast unit tests of plugin components: `watch` and
 * `watchOne` answer from them (`loading`, then `live` with a sync in a microtask, as a real first answer), and `objects.put` / `objects.remove` reach every
 * open watch as ADDED / MODIFIED / DELETED events, as a real watch would. A watch matches objects by the
 * group of their `apiVersion`, their kind's plural (`CronJob` -> `cronjobs`), namespace, name and label
 * selector. Logs and exec have no in-memory form: they throw, naming the real-backend alternative.
 *
 * @example
 * const { mux, objects } = createInMemoryMux({ objects: { test: [pod] }, clusters: [] });
 * const pods = mux.watch({ cluster: 'test', group: '', version: 'v1', resource: 'pods' });
 * objects.put('test', anotherPod); // pods.items() now holds both
 */
export function createInMemoryMux(options: InMemoryMuxOptions): { mux: MuxClient; objects: TestObjects } {
  const store = new Map<string, KubeObject[]>();
  for (const [cluster, list] of Object.entries(options.objects)) store.set(cluster, list.map(withUid));
  const watches = new Set<{
    cluster: string;
    options: WatchOptions & { name?: string };
    feed: (events: readonly CollectionEvent<KubeObject>[]) => void;
    isClosed: () => boolean;
    close: () => void;
  }>();

  const sameObject = (a: KubeObject, b: KubeObject) => a.metadata.uid === b.metadata.uid;

  function change(
    cluster: string,
    type: CollectionEvent<KubeObject>['type'],
    objects: readonly KubeObject[],
  ) {
    for (const watch of [...watches]) {
      if (watch.isClosed()) watches.delete(watch);
      else if (watch.cluster === cluster)
        watch.feed(objects.filter((o) => matchesWatch(o, watch.options)).map((object) => ({ type, object })));
    }
  }

  const objects: TestObjects = {
    put(cluster, ...given) {
      const list = store.get(cluster) ?? [];
      for (const object of given.map(withUid)) {
        const at = list.findIndex((o) => sameObject(o, object));
        if (at >= 0) list[at] = object;
        else list.push(object);
        change(cluster, at >= 0 ? 'MODIFIED' : 'ADDED', [object]);
      }
      store.set(cluster, list);
    },
    remove(cluster, ...given) {
      const gone = given.map(withUid);
      const list = store.get(cluster) ?? [];
      store.set(
        cluster,
        list.filter((o) => !gone.some((g) => sameObject(o, g))),
      );
      change(cluster, 'DELETED', gone);
    },
    list: (cluster) => [...(store.get(cluster) ?? [])],
  };

  function watch<T extends KubeObject>(watchOptions: WatchOptions & { name?: string }): LiveCollection<T> {
    const current = () =>
      (store.get(watchOptions.cluster) ?? []).filter((o) => matchesWatch(o, watchOptions));
    const { live, feed, isClosed } = liveCollection<KubeObject>(kubeObjectKeys, current);
    watches.add({ cluster: watchOptions.cluster, options: watchOptions, feed, isClosed, close: live.close });
    return live as LiveCollection<T>;
  }

  const byName = { keyOf: (c: { name: string }) => c.name, orderOf: (c: { name: string }) => [c.name] };
  const byPath = { keyOf: (f: { path: string }) => f.path, orderOf: (f: { path: string }) => [f.path] };
  const mux: MuxClient = {
    watch: <T extends KubeObject>(o: WatchOptions) => watch<T>(o),
    watchOne<T extends KubeObject>(o: WatchOneOptions): LiveObject<T> {
      const one = watch<T>(o);
      return { ...one, object: () => one.items()[0] };
    },
    logs: () => notInMemory('logs'),
    exec: () => notInMemory('exec'),
    clusters: () => liveCollection<ClusterSummary>(byName, () => options.clusters).live,
    kubeconfigFiles: () => liveCollection<KubeconfigFileState>(byPath, () => []).live,
    health: () => liveCollection<ContextHealth>(byName, () => []).live,
    state: () => 'open',
    onStateChange: () => () => {},
    close: () => {
      for (const w of watches) w.close();
      watches.clear();
    },
  };
  return { mux, objects };
}

/** An object keeps its uid; one without gets a stable one from its kind, namespace and name. */
function withUid(object: KubeObject): KubeObject {
  if (typeof object.metadata.uid === 'string') return object;
  const { namespace, name } = object.metadata;
  const uid = `${String(object.kind)}/${String(namespace ?? '')}/${String(name ?? '')}`;
  return { ...object, metadata: { ...object.metadata, uid } };
}
