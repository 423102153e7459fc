import type { KubeObject, WatchEvent } from '@porthole/protocol';
import type { JsonText } from './json-text.ts';
import type { Outbound } from './outbound.ts';
import type { HubUpdate } from './watch-hub.ts';

/** Options of {@link createWatchSubscriber}. */
export interface WatchSubscriberOptions {
  id: number;
  out: Outbound;
  json: JsonText;
  /** The upstream's state now, for a `sync` sent later than the update that asked for it. */
  snapshot(): { items: KubeObject[]; resourceVersion: string } | undefined;
  /**
   * How long deltas gather before they are sent; default 10 ms. Measured from the last message sent, so
   * a change after a quiet moment goes out at once and only a busy stream is batched.
   */
  batchMs?: number;
  /**
   * The client asked for a chunked sync (`chunked: true`): a LIST in progress is sent page by page as
   * `sync-chunk`s, completed by a `sync` with `chunks`. Otherwise (older clients) one whole `sync`.
   */
  chunked?: boolean;
  /** Past this many bytes of coalesced deltas, they are dropped for a `sync` later; default 4 MiB. */
  pendingBoundBytes?: number;
  onEventsOut?: (count: number) => void;
  onResync?: () => void;
  /** The subscription failed (`error` was sent): the session forgets it. */
  onError?: () => void;
}

/** One watch subscription's sending side. */
export interface WatchSubscriber {
  update(update: HubUpdate): void;
  close(): void;
}

/** A `sync-chunk`, or the `sync` that completes the chunks, waiting for the socket. */
type Queued =
  | {
      kind: 'chunk';
      items: KubeObject[];
      itemsText: string | undefined;
      part: number;
      remainingItemCount: number | undefined;
    }
  | {
      kind: 'final';
      items: KubeObject[];
      itemsText: string | undefined;
      resourceVersion: string;
      chunks: number;
    };

interface Pending {
  /** The first type seen for this uid in the batch: ADDED then DELETED means the client never saw it. */
  firstType: WatchEvent['type'];
  event: WatchEvent;
  bytes: number;
}

function uidOf(object: KubeObject): string {
  const meta = object.metadata as { uid?: string; namespace?: string; name?: string };
  return meta.uid ?? `${meta.namespace ?? ''}/${meta.name ?? ''}`;
}

/**
 * Batches one subscriber's deltas (a few tens of ms), coalesces them per object while its socket is
 * congested, and past a bound drops them for a fresh `sync` once the socket drains: memory per slow
 * subscriber is bounded by the number of objects, never by the rate of changes.
 *
 * @example
 * const subscriber = createWatchSubscriber({ id, out, json, snapshot: () => sub.snapshot() });
 * const sub = hub.subscribe(context, target, (update) => subscriber.update(update));
 */
export function createWatchSubscriber(options: WatchSubscriberOptions): WatchSubscriber {
  const { id, out, json } = options;
  const batchMs = options.batchMs ?? 10;
  const pendingBound = options.pendingBoundBytes ?? 4 * 1024 * 1024;
  const pending = new Map<string, Pending>();
  let pendingBytes = 0;
  let pendingVersion: string | undefined;
  let needSync = false;
  let synced = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waiting = false;
  let closed = false;
  /** When the last sync or events message went out. */
  let lastSent = Number.NEGATIVE_INFINITY;
  // Chunks hold references to the upstream's pages (no copies): memory stays bounded by the objects.
  let queue: Queued[] = [];
  /** Every chunk of the LIST in progress since its first was queued: its `sync` may carry only the rest. */
  let following = false;
  let part = 0;

  function sendQueued(entry: Queued): void {
    lastSent = Date.now();
    // The API server's own text of the page when it could be cut out; else json.items, which remembers
    // each page's text: at most one serialisation per chunk for every subscriber.
    const items = entry.itemsText ?? json.items(entry.items);
    if (entry.kind === 'chunk') {
      const remaining =
        entry.remainingItemCount === undefined ? '' : `,"remainingItemCount":${entry.remainingItemCount}`;
      out.send(`{"op":"sync-chunk","id":${id},"part":${entry.part},"items":${items}${remaining}}`);
      return;
    }
    if (synced) options.onResync?.();
    synced = true;
    out.send(
      `{"op":"sync","id":${id},"items":${items},"resourceVersion":${JSON.stringify(entry.resourceVersion)},"chunks":${entry.chunks}}`,
    );
  }

  function sendSync(): void {
    const current = options.snapshot();
    if (!current) return;
    needSync = false;
    // A whole sync supersedes chunks: the client drops what it held, so the rest of this LIST goes whole.
    queue = [];
    following = false;
    if (synced) options.onResync?.();
    synced = true;
    lastSent = Date.now();
    out.send(
      `{"op":"sync","id":${id},"items":${json.items(current.items)},"resourceVersion":${JSON.stringify(current.resourceVersion)}}`,
    );
  }

  function sendEvents(): void {
    // A resume's first answer goes out even when empty: it tells the client its state is current.
    // Nothing told (a status before the first sync flushes nothing) leaves the client not yet synced.
    const announce = !synced;
    if (pendingVersion === undefined || (pending.size === 0 && !announce)) return;
    synced = true;
    const events = [...pending.values()].map((p) => p.event);
    pending.clear();
    pendingBytes = 0;
    lastSent = Date.now();
    out.send(
      `{"op":"events","id":${id},"events":${json.events(events)},"resourceVersion":${JSON.stringify(pendingVersion)}}`,
    );
    options.onEventsOut?.(events.length);
  }

  /** Sends what is due, or waits for the socket to drain first. */
  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    if (closed) return;
    while (queue.length > 0 && !out.congested()) sendQueued(queue.shift() as Queued);
    if (out.congested()) {
      if (waiting) return;
      waiting = true;
      void out.drained().then(() => {
        waiting = false;
        flush();
      });
      return;
    }
    if (needSync) sendSync();
    else sendEvents();
  }

  function add(events: readonly WatchEvent[], resourceVersion: string): void {
    pendingVersion = resourceVersion;
    if (needSync) return; // the sync will be taken from the cache, which has these already
    for (const event of events) {
      const uid = uidOf(event.object);
      const before = pending.get(uid);
      const bytes = json.of(event.object).length + 30;
      pendingBytes += bytes - (before?.bytes ?? 0);
      const firstType = before?.firstType ?? event.type;
      if (firstType === 'ADDED' && event.type === 'DELETED') {
        pending.delete(uid);
        pendingBytes -= bytes;
        continue;
      }
      const type = firstType === 'ADDED' ? 'ADDED' : event.type;
      pending.delete(uid); // re-insert so the batch keeps the order of last changes
      pending.set(uid, { firstType, event: { type, object: event.object }, bytes });
    }
    if (pendingBytes > pendingBound) {
      pending.clear();
      pendingBytes = 0;
      needSync = true;
      queue = [];
      following = false;
    }
    timer ??= setTimeout(flush, Math.max(0, lastSent + batchMs - Date.now()));
  }

  function chunk(update: Extract<HubUpdate, { kind: 'chunk' }>): void {
    if (!options.chunked) return;
    if (update.first) {
      following = true;
      part = 0;
      // The sync completing this LIST replaces the state: deltas from before it are in it or gone.
      pending.clear();
      pendingBytes = 0;
    }
    // Joined half-way (or gave up on this LIST for a whole sync): the completing sync goes whole.
    if (!following) return;
    queue.push({
      kind: 'chunk',
      items: update.items,
      itemsText: update.itemsText,
      part: part++,
      remainingItemCount: update.remainingItemCount,
    });
    flush();
  }

  return {
    update(update) {
      if (closed) return;
      switch (update.kind) {
        case 'chunk':
          chunk(update);
          return;
        case 'sync':
          pending.clear();
          pendingBytes = 0;
          if (following && update.lastPage && part > 0) {
            queue.push({
              kind: 'final',
              items: update.lastPage,
              itemsText: update.lastPageText,
              resourceVersion: update.resourceVersion,
              chunks: part,
            });
            pendingVersion = update.resourceVersion;
          } else needSync = true;
          following = false;
          flush();
          return;
        case 'events':
          add(update.events, update.resourceVersion);
          if (!synced) flush();
          return;
        case 'status':
          flush();
          out.send(JSON.stringify({ op: 'status', id, state: update.state, cause: update.cause }));
          return;
        case 'error':
          flush();
          closed = true;
          clearTimeout(timer);
          out.send(
            JSON.stringify({
              op: 'error',
              id,
              code: update.code,
              reason: update.reason,
              message: update.message,
            }),
          );
          options.onError?.();
          return;
      }
    },
    close() {
      closed = true;
      clearTimeout(timer);
    },
  };
}
