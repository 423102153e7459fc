import type { ClientMessage, ServerMessage, StatusError, UpstreamState } from '@porthole/protocol';
import { type CollectionEvent, type CollectionKeys, createCollection } from './collection.ts';
import { statusErrorOf } from './server-message.ts';
import type { Subscription, SubscriptionChannel } from './subscription.ts';

/**
 * Where a live collection stands. `loading`: no `sync` yet; `live`: up to date; `reconnecting`: the
 * client's socket dropped, or the backend's upstream watch did (the items are the last known); `resyncing`:
 * the backend is relisting (a fresh `sync` follows); `error`: the subscription failed and is over.
 */
export type LiveStatus = 'loading' | UpstreamState | 'error';

/** What a {@link LiveCollection} listener is told after each change it applied. */
export type LiveChange<T> =
  | { type: 'sync' }
  | { type: 'events'; events: readonly CollectionEvent<T>[] }
  | { type: 'status' };

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

  function receive(message: ServerMessage) {
    if (over) return;
    switch (message.op) {
      case 'sync':
        collection.sync(parseAll(message.items), message.resourceVersion);
        status = 'live';
        cause = undefined;
        notify({ type: 'sync' });
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
