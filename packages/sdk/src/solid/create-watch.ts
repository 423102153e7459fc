import type { KubeObject, StatusError } from '@porthole/protocol';
import {
  type Accessor,
  batch,
  createEffect,
  createMemo,
  createSignal,
  on,
  onCleanup,
  untrack,
} from 'solid-js';
import { createStore, reconcile, unwrap } from 'solid-js/store';
import type { LiveChange, LiveProgress, LiveStatus } from '../live/live-collection.ts';
import type { MuxClient } from '../live/mux-client.ts';
import type { WatchOneOptions, WatchOptions } from '../live/watch.ts';
import { kubeObjectKeys } from '../live/watch.ts';

/** What a component reads from {@link createWatch}. */
export interface WatchStore<T> {
  /** The objects in order (namespace, then name); each keeps its identity (a store proxy) while its uid lives. */
  items: Accessor<readonly T[]>;
  /** `loading` also while the arguments are `undefined` (nothing to watch yet). */
  status: Accessor<LiveStatus>;
  error: Accessor<StatusError | undefined>;
  /** While `reconnecting`: why, when the backend said (a cluster not answering, refusing connections). */
  cause: Accessor<StatusError | undefined>;
  resourceVersion: Accessor<string | undefined>;
  /**
   * While a chunked sync arrives: items so far and the API server's estimate of the rest (see
   * `LiveCollection.progress`); before the first sync `items` already holds what arrived.
   */
  progress: Accessor<LiveProgress | undefined>;
}

/** What a component reads from {@link createWatchOne}. */
export interface WatchOneStore<T> {
  /** The object (a store: fields update in place); `undefined` while loading, absent or deleted. */
  object: Accessor<T | undefined>;
  status: Accessor<LiveStatus>;
  error: Accessor<StatusError | undefined>;
  /** While `reconnecting`: why, when the backend said (a cluster not answering, refusing connections). */
  cause: Accessor<StatusError | undefined>;
  resourceVersion: Accessor<string | undefined>;
}

/** Arguments as an accessor: the subscription follows them; a falsy value means nothing to watch yet. */
export type WatchArgs<O> = Accessor<O | undefined | null | false>;

/** One string per distinct subscription, so equal arguments from a re-run don't resubscribe. */
function keyOf(options: WatchOptions & { name?: string }): string {
  const { cluster, group, version, resource, namespace, name, labelSelector, fieldSelector } = options;
  return JSON.stringify([cluster, group, version, resource, namespace, name, labelSelector, fieldSelector]);
}

/** Runs `open` for each distinct value of `args` (none while falsy), cleaning up the previous one. */
function followArgs<O extends WatchOptions>(
  args: WatchArgs<O>,
  open: (options: O) => void,
  reset: () => void,
) {
  const current = createMemo(
    () => {
      const value = args();
      return value ? { key: keyOf(value), value } : undefined;
    },
    undefined,
    { equals: (a, b) => a?.key === b?.key },
  );
  createEffect(
    on(current, (entry) => {
      reset();
      if (entry) untrack(() => open(entry.value));
    }),
  );
}

/**
 * A live list for a Solid component: `client.watch(args())`, re-subscribed when the arguments change and
 * cancelled with the owner (`onCleanup`). Objects are kept in a store by uid and updated with `reconcile`,
 * so a row keeps its identity and only changed fields notify.
 *
 * @example
 * const pods = createWatch(client, () => ({ cluster: cluster(), group: '', version: 'v1', resource: 'pods', namespace: 'web' }));
 * return <Show when={pods.status() !== 'loading'}><For each={pods.items()}>{(pod) => <Row pod={pod} />}</For></Show>;
 */
export function createWatch<T extends KubeObject = KubeObject>(
  client: MuxClient,
  args: WatchArgs<WatchOptions>,
): WatchStore<T> {
  const [state, setState] = createStore<{ byUid: Record<string, T | undefined>; order: string[] }>({
    byUid: {},
    order: [],
  });
  const [status, setStatus] = createSignal<LiveStatus>('loading');
  const [error, setError] = createSignal<StatusError | undefined>();
  const [cause, setCause] = createSignal<StatusError | undefined>();
  const [resourceVersion, setResourceVersion] = createSignal<string | undefined>();
  const [progress, setProgress] = createSignal<LiveProgress | undefined>();
  const uidOf = (object: T) => kubeObjectKeys.keyOf(object) ?? '';
  // The store's plain objects, read without subscribing (a listener per uid costs memory at 50,000 rows).
  const plain = unwrap(state);
  const shared = (uid: string) => plain.byUid[uid];

  followArgs(
    args,
    (options) => {
      const watch = client.watch<T>(options);
      // Chunks of a first LIST not in the store yet. Each store update costs the page a pass over every
      // row (order, filters): a 50,000-object LIST in 100 chunks re-rendered per chunk is quadratic. The
      // first chunk shows at once, then the rows catch up each time they would grow by a quarter, and
      // whole at the end; `progress` counts every object received meanwhile.
      let held: T[] = [];
      let shown = 0;
      const showHeld = () => {
        for (const object of held) setState('byUid', uidOf(object), object);
        held = [];
        setState('order', watch.items().map(uidOf));
        shown = state.order.length;
      };
      const apply = (change: LiveChange<T>) =>
        batch(() => {
          if (change.type !== 'chunk' && held.length > 0) showHeld();
          if (change.type === 'sync') {
            const byUid: Record<string, T | undefined> = {};
            for (const object of watch.items()) byUid[uidOf(object)] = object;
            setState('byUid', reconcile(byUid));
            // reconcile kept the objects the store had for uids still there: the collection takes those
            // too, so the page holds one copy of each object, not the store's and the sync's.
            watch.share(shared);
            setState('order', watch.items().map(uidOf));
          } else if (change.type === 'events') {
            let membership = false;
            const reconciled: string[] = [];
            for (const { type, object } of change.events) {
              const uid = uidOf(object);
              const known = uid in plain.byUid;
              if (type === 'DELETED') setState('byUid', uid, undefined);
              else if (known) {
                setState('byUid', uid, reconcile(object));
                reconciled.push(uid);
              } else setState('byUid', uid, object);
              // An add of a new uid or a delete of a known one changes the order; a modify does not.
              if (known === (type === 'DELETED')) membership = true;
            }
            // A modified object was reconciled into the store's own: the collection drops the new copy.
            if (reconciled.length > 0) watch.share(shared, reconciled);
            if (membership) setState('order', watch.items().map(uidOf));
          } else if (change.type === 'chunk') {
            if (change.reset) {
              held = [];
              shown = 0;
              setState('byUid', reconcile({}));
            }
            // New objects only (a chunk replaces none): set each by uid, then the order once.
            for (const object of change.items) held.push(object);
            const complete = watch.status() !== 'loading';
            if (complete || shown === 0 || watch.items().length >= shown * 1.25) showHeld();
          }
          setProgress(watch.progress());
          setStatus(() => watch.status());
          setError(() => watch.error());
          setCause(() => watch.cause());
          setResourceVersion(() => watch.resourceVersion());
        });
      const unsubscribe = watch.subscribe(apply);
      onCleanup(() => {
        unsubscribe();
        watch.close();
      });
    },
    () =>
      batch(() => {
        setState({ byUid: {}, order: [] });
        setStatus('loading');
        setError(undefined);
        setCause(undefined);
        setResourceVersion(undefined);
        setProgress(undefined);
      }),
  );

  // Only the order is tracked (a new array on every sync and every add or delete): reading each uid and
  // index through the store would create two signals per object, a modify never changes the order, and
  // each row's fields are tracked where they are read.
  const items = createMemo(() => {
    const order = unwrap(state.order);
    return untrack(() => {
      const out: T[] = [];
      for (const uid of order) {
        const object = state.byUid[uid];
        if (object) out.push(object);
      }
      return out;
    });
  });
  return { items, status, error, cause, resourceVersion, progress };
}

/**
 * One live object for a Solid component: `client.watchOne(args())`, like {@link createWatch}. The object
 * is a store updated with `reconcile`, so a field that didn't change doesn't notify.
 *
 * @example
 * const cm = createWatchOne(client, () => ({ cluster: 'prod', group: '', version: 'v1', resource: 'configmaps', namespace: 'web', name: 'settings' }));
 * return <pre>{JSON.stringify(cm.object()?.data)}</pre>;
 */
export function createWatchOne<T extends KubeObject = KubeObject>(
  client: MuxClient,
  args: WatchArgs<WatchOneOptions>,
): WatchOneStore<T> {
  const [state, setState] = createStore<{ object?: T }>({});
  const [status, setStatus] = createSignal<LiveStatus>('loading');
  const [error, setError] = createSignal<StatusError | undefined>();
  const [cause, setCause] = createSignal<StatusError | undefined>();
  const [resourceVersion, setResourceVersion] = createSignal<string | undefined>();

  followArgs(
    args,
    (options) => {
      const one = client.watchOne<T>(options);
      const apply = () =>
        batch(() => {
          const next = one.object();
          const before = state.object;
          if (!next) setState('object', undefined);
          else if (before && kubeObjectKeys.keyOf(before) === kubeObjectKeys.keyOf(next))
            setState('object', reconcile(next));
          else setState('object', next);
          setStatus(() => one.status());
          setError(() => one.error());
          setCause(() => one.cause());
          setResourceVersion(() => one.resourceVersion());
        });
      const unsubscribe = one.subscribe(apply);
      onCleanup(() => {
        unsubscribe();
        one.close();
      });
    },
    () =>
      batch(() => {
        setState('object', undefined);
        setStatus('loading');
        setError(undefined);
        setCause(undefined);
        setResourceVersion(undefined);
      }),
  );

  return { object: () => state.object, status, error, cause, resourceVersion };
}
