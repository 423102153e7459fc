import { type ClientMessage, type ServerMessage, StatusError, type UpstreamState } from '@porthole/protocol';
import { type CollectionEvent, type CollectionKeys, createCollection } from './collection.ts';
import { statusErrorOf } from './server-message.ts';
import type { Subscription, SubscriptionChannel } from './subscription.ts';

/**
 * Where a live collection stands. `loading`: no `sync` yet (a chunked sync may already show items: see
 * {@link LiveCollection.progress}); `live`: up to date; `reconnecting`: the
 * client's socket dropped, or the backend's upstream watch did (the items are the last known); `resyncing`:
 * the backend is relisting (a fresh `sync` follows); `error`: the subscription failed and is over.
 */
export type LiveStatus = 'loading' | UpstreamState | 'error';

/** What a {@link LiveCollection} listener is told after each change it applied. */
export type LiveChange<T> =
  | { type: 'sync' }
  | { type: 'events'; events: readonly CollectionEvent<T>[] }
  /**
   * Items of a chunked sync shown while the rest still arrives (and its completing `sync`, after which
   * the status is `live`): `items` were added; with `reset`, what was shown before was dropped first (the
   * LIST started over).
   */
  | { type: 'chunk'; items: readonly T[]; reset: boolean }
  | { type: 'status' };

/** How far a chunked sync has come: items received so far, and the API server's estimate of the rest. */
export interface LiveProgress {
  received: number;
  /** `undefined` when the API server gave no estimate. */
  remaining: number | undefined;
}

/**
 * A live set of objects (a watch, the cluster list), kept by key; framework-neutral. Adapters (the Solid
 * one in `createWatch`) read it through {@link LiveCollection.subscribe}.
 */
export interface LiveCollection<T> {
  /** The items in a stable order (namespace, then name); a snapshot that later changes never mutate. */
  items(): readonly T[];
  /** One item by key: `metadata.uid` for Kubernetes objects, `name` for clusters. */
  get(key: string): T | undefined;
  status(): LiveStatus;
  /** The failure that ended the subscription, as a Kubernetes Status. */
  error(): StatusError | undefined;
  /**
   * While `reconnecting`: why, when the backend said (its last attempt's failure, e.g. a 504 "cluster
   * ... is not answering: no TLS handshake after 10 s"); `undefined` otherwise.
   */
  cause(): StatusError | undefined;
  /** The last resourceVersion seen (the resume point after a reconnect). */
  resourceVersion(): string | undefined;
  /**
   * While a chunked sync arrives: how far it has come; `undefined` otherwise. Before the first sync the
   * items received so far are already in {@link items} (status `loading`); during a resync the last
   * state stays shown and the new one replaces it whole when complete.
   */
  progress(): LiveProgress | undefined;
  /**
   * Swaps items for equal ones the caller already holds (by key; a replacement with another key or order is ignored), so an adapter
   * that keeps its own objects (the Solid store reconciles into the ones it had) and this collection
   * share one copy of each object instead of two.
   */
  share(pick: (key: string, item: T) => T | undefined, keys?: Iterable<string>): void;
  /** Called after each applied `sync`, events batch and status change; returns the unsubscribe function. */
  subscribe(listener: (change: LiveChange<T>) => void): () => void;
  /** Ends the subscription (the server is told with `cancel`); nothing changes afterwards. */
  close(): void;
}

export interface CollectionSubscriptionOptions<T> extends CollectionKeys<T> {
  /** The request to send; `resourceVersion` is where to resume (undefined before the first sync). */
  request(id: number, resourceVersion: string | undefined): ClientMessage;
  /** Turns one raw item of a `sync` or event into an item, or `undefined` to skip it. */
  parseItem(raw: Record<string, unknown>): T | undefined;
}

/**
 * The subscription behind `watch`, `watchOne` and `clusters`: applies `sync` and `events` to a
 * {@link createCollection} and keeps the status. Resumes from the last resourceVersion after a reconnect;
 * an `error` ends it for good.
 */
export function createCollectionSubscription<T>(
  channel: SubscriptionChannel,
  options: CollectionSubscriptionOptions<T>,
): LiveCollection<T> & Subscription {
  const collection = createCollection<T>(options);
  const listeners = new Set<(change: LiveChange<T>) => void>();
  let status: LiveStatus = 'loading';
  let failure: StatusError | undefined;
  let cause: StatusError | undefined;
  let over = false;
  /** The chunked sync in progress: parts held, and whether they are shown (nothing was synced before). */
  let chunked:
    | { parts: number; held: T[]; received: number; remaining: number | undefined; shown: boolean }
    | undefined;

  const notify = (change: LiveChange<T>) => {
    for (const listener of [...listeners]) listener(change);
  };
  const setStatus = (next: LiveStatus, nextCause?: StatusError) => {
    if (next === status && nextCause?.message === cause?.message) return;
    status = next;
    cause = nextCause;
    notify({ type: 'status' });
  };
  const parseAll = (raw: readonly Record<string, unknown>[]): T[] => {
    const out: T[] = [];
    for (const item of raw) {
      const parsed = options.parseItem(item);
      if (parsed !== undefined) out.push(parsed);
    }
    return out;
  };

  function outOfStep(what: string) {
    chunked = undefined;
    end(
      new StatusError({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        code: 500,
        reason: 'InternalError',
        message: `the server's chunked sync is out of step (${what}): the list may be incomplete`,
      }),
    );
    channel.release(true);
  }

  function receiveChunk(message: Extract<ServerMessage, { op: 'sync-chunk' }>) {
    let reset = false;
    if (message.part === 0) {
      // Nothing synced yet: show the chunks as they come; otherwise keep the last state until complete.
      const shown = collection.resourceVersion() === undefined;
      if (shown && collection.size() > 0) {
        collection.clear();
        reset = true;
      }
      chunked = { parts: 0, held: [], received: 0, remaining: undefined, shown };
    } else if (chunked?.parts !== message.part) return outOfStep(`part ${message.part} out of order`);
    const items = parseAll(message.items);
    chunked.parts++;
    chunked.received += items.length;
    chunked.remaining = message.remainingItemCount;
    if (!chunked.shown) {
      for (const item of items) chunked.held.push(item);
      notify({ type: 'status' });
      return;
    }
    collection.merge(items);
    notify({ type: 'chunk', items, reset });
  }

  function receiveSync(message: Extract<ServerMessage, { op: 'sync' }>) {
    const items = parseAll(message.items);
    const done = chunked;
    chunked = undefined;
    if (message.chunks !== undefined && done?.parts !== message.chunks)
      return outOfStep(`a sync completing ${message.chunks} chunks after ${done?.parts ?? 0}`);
    status = 'live';
    cause = undefined;
    if (message.chunks !== undefined && done?.shown) {
      collection.merge(items);
      collection.apply([], message.resourceVersion);
      notify({ type: 'chunk', items, reset: false });
      return;
    }
    collection.sync(
      message.chunks !== undefined && done ? done.held.concat(items) : items,
      message.resourceVersion,
    );
    notify({ type: 'sync' });
  }

  function receive(message: ServerMessage) {
    if (over) return;
    switch (message.op) {
      case 'sync-chunk':
        receiveChunk(message);
        return;
      case 'sync':
        receiveSync(message);
        return;
      case 'events': {
        const events: CollectionEvent<T>[] = [];
        for (const event of message.events) {
          const object = options.parseItem(event.object);
          if (object !== undefined) events.push({ type: event.type, object });
        }
        collection.apply(events, message.resourceVersion);
        // Events after a resume mean the server caught up from our resourceVersion without a sync.
        status = 'live';
        cause = undefined;
        notify({ type: 'events', events });
        return;
      }
      case 'status':
        setStatus(message.state, message.cause && statusErrorOf(message.cause));
        return;
      case 'error':
        end(statusErrorOf(message));
        channel.release(false);
        return;
      case 'end':
        // The server ended it without a failure: keep the last state, don't resubscribe.
        over = true;
        channel.release(false);
        return;
      default:
        return;
    }
  }

  function end(error: StatusError | undefined) {
    over = true;
    failure = error;
    if (error) setStatus('error');
  }

  return {
    request: () => (over ? undefined : options.request(channel.id, collection.resourceVersion())),
    receive,
    disconnected() {
      // A chunked sync in flight is abandoned: the next socket's answer starts over (part 0 or whole).
      chunked = undefined;
      if (!over) setStatus('reconnecting');
    },
    terminated() {
      over = true;
    },
    items: () => collection.items(),
    get: (key) => collection.get(key),
    share: (pick, keys) => collection.share(pick, keys),
    status: () => status,
    error: () => failure,
    cause: () => cause,
    resourceVersion: () => collection.resourceVersion(),
    progress: () => chunked && { received: chunked.received, remaining: chunked.remaining },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (over) return;
      over = true;
      channel.release(true);
    },
  };
}
