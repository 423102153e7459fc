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

  function sendSync(): void {
    const current = options.snapshot();
    if (!current) return;
    needSync = false;
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
    }
    timer ??= setTimeout(flush, Math.max(0, lastSent + batchMs - Date.now()));
  }

  return {
    update(update) {
      if (closed) return;
      switch (update.kind) {
        case 'sync':
          pending.clear();
          pendingBytes = 0;
          needSync = true;
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
