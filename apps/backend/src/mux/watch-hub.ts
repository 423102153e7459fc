import type { KubeObject, WatchEvent } from '@porthole/protocol';
import type { CredentialProvider } from '../auth/upstream-credentials.ts';
import type { ResolvedContext } from '../clusters/resolved-context.ts';
import {
  createUpstreamWatch,
  type UpstreamWatch,
  type UpstreamWatchOptions,
  type UpstreamWatchTarget,
  type WatchUpdate,
} from './upstream-watch.ts';

/**
 * What a hub subscriber receives: the upstream's updates, starting with its current state as a `sync`,
 * or, for a subscriber resuming from a resourceVersion the hub still remembers, as the `events` after it.
 */
export type HubUpdate = WatchUpdate;

/** Options of {@link createWatchHub}. */
export interface WatchHubOptions {
  /** Everything an upstream watch needs besides its context and target (credentials, agents, ...). */
  upstream: Omit<UpstreamWatchOptions, 'context' | 'target' | 'initial' | 'onRequest' | 'listAt'>;
  /** How long an upstream watch outlives its last subscriber (a reload resubscribes); default 2 s. */
  lingerMs?: number;
  /** How many event batches are kept to answer resumes without a `sync`; default 256. */
  historyBatches?: number;
  /** Called with the number of events each upstream batch carried. */
  onEventsIn?: (count: number) => void;
  /** Replaces {@link createUpstreamWatch} (tests). */
  createWatch?: (options: UpstreamWatchOptions) => UpstreamWatch;
}

/**
 * Who a hub subscription acts as: the principal's id (part of the watch's key, so an upstream watch is
 * shared only by sockets of the same person) and the credentials its upstream watch uses.
 */
export interface HubIdentity {
  id: string;
  credentials: CredentialProvider;
}

/** One subscriber's hold on a shared upstream watch. */
export interface HubSubscription {
  /** The upstream's current state, when it has one. */
  snapshot(): { items: KubeObject[]; resourceVersion: string } | undefined;
  /** Stops the updates; the upstream stops `lingerMs` after its last subscriber leaves. */
  close(): void;
}

/** The shared upstream watches of the whole backend. */
export interface WatchHub {
  /**
   * Subscribes to the watch of `target` on `context` as the context's user, creating the upstream on
   * first use. With `resumeFrom`, a subscriber whose resourceVersion is in the hub's recent history gets
   * only the events after it (possibly none) instead of a full `sync`. With `identity`, the watch acts
   * as that person and is shared only with subscriptions of the same identity id.
   */
  subscribe(
    context: ResolvedContext,
    target: UpstreamWatchTarget,
    listener: (update: HubUpdate) => void,
    resumeFrom?: string,
    identity?: HubIdentity,
  ): HubSubscription;
  /** Ends every watch of the context: its subscribers get an `error` with `message`. */
  closeContext(name: string, message: string): void;
  /** Upstream watches running now (lingering ones included). */
  size(): number;
  /** Stops every upstream watch. */
  close(): void;
}

interface Entry {
  contextName: string;
  watch: UpstreamWatch;
  listeners: Set<(update: HubUpdate) => void>;
  /** resourceVersion of the last sync; `history` holds the batches after it. */
  baseVersion: string | undefined;
  history: { resourceVersion: string; events: WatchEvent[] }[];
  linger: ReturnType<typeof setTimeout> | undefined;
  /** The upstream's last reported status, told to late subscribers when it is not `live`. */
  status: Extract<HubUpdate, { kind: 'status' }> | undefined;
}

/**
 * The key of an upstream watch: the person it acts for (`principalId`, local mode's `local`), the
 * context and the identity it acts as (the context's fingerprint changes with its user and
 * credentials), the resource and the whole query. Never only the path.
 */
export function watchKey(
  context: ResolvedContext,
  target: UpstreamWatchTarget,
  principalId = 'local',
): string {
  return JSON.stringify([
    principalId,
    context.name,
    context.fingerprint,
    target.group,
    target.version,
    target.resource,
    target.namespace ?? '',
    target.name ?? '',
    target.labelSelector ?? '',
    target.fieldSelector ?? '',
  ]);
}

/**
 * Shares one upstream list+watch (and its cache) among every identical subscription of every socket.
 *
 * @example
 * const hub = createWatchHub({ upstream: { credentials, adapterFor, agents } });
 * const sub = hub.subscribe(context, { group: '', version: 'v1', resource: 'pods' }, (u) => send(u));
 * sub.close();
 */
export function createWatchHub(options: WatchHubOptions): WatchHub {
  const entries = new Map<string, Entry>();
  const lingerMs = options.lingerMs ?? 2_000;
  const historyBatches = options.historyBatches ?? 256;
  const create = options.createWatch ?? createUpstreamWatch;

  function remove(key: string, entry: Entry): void {
    if (entries.get(key) !== entry) return;
    entries.delete(key);
    clearTimeout(entry.linger);
    entry.watch.stop();
  }

  function record(entry: Entry, update: HubUpdate): void {
    if (update.kind === 'status') entry.status = update;
    else if (update.kind === 'sync') {
      entry.baseVersion = update.resourceVersion;
      entry.history = [];
    } else if (update.kind === 'events') {
      entry.history.push({ resourceVersion: update.resourceVersion, events: update.events });
      if (entry.history.length > historyBatches) entry.baseVersion = entry.history.shift()?.resourceVersion;
      options.onEventsIn?.(update.events.length);
    }
  }

  function open(
    key: string,
    context: ResolvedContext,
    target: UpstreamWatchTarget,
    identity: HubIdentity | undefined,
    resumeFrom: string | undefined,
  ): Entry {
    const upstream = identity ? { ...options.upstream, credentials: identity.credentials } : options.upstream;
    const entry: Entry = {
      contextName: context.name,
      // Opened by a resume (a client coming from another replica, or from before a restart): start from
      // the state it holds, so the changes since arrive as events rather than a fresh sync.
      watch: create({
        ...upstream,
        context,
        target,
        ...(resumeFrom !== undefined ? { listAt: resumeFrom } : {}),
      }),
      listeners: new Set(),
      baseVersion: undefined,
      history: [],
      linger: undefined,
      status: undefined,
    };
    entries.set(key, entry);
    entry.watch.subscribe((update) => {
      record(entry, update);
      for (const listener of [...entry.listeners]) listener(update);
      // A failed watch has stopped: the next subscriber starts a new one.
      if (update.kind === 'error') remove(key, entry);
    });
    return entry;
  }

  /** The state a new subscriber starts from. */
  function initialUpdate(entry: Entry, resumeFrom: string | undefined): HubUpdate | undefined {
    const current = entry.watch.snapshot();
    // Joining a first LIST in progress: the pages so far, as the first chunk (resumes wait for the sync).
    if (!current) return resumeFrom === undefined ? entry.watch.partial() : undefined;
    if (resumeFrom !== undefined) {
      const start =
        resumeFrom === entry.baseVersion
          ? 0
          : entry.history.findIndex((batch) => batch.resourceVersion === resumeFrom) + 1;
      if (start > 0 || resumeFrom === entry.baseVersion) {
        const events = entry.history.slice(start).flatMap((batch) => batch.events);
        return { kind: 'events', events, resourceVersion: current.resourceVersion };
      }
    }
    return { kind: 'sync', ...current };
  }

  return {
    subscribe(context, target, listener, resumeFrom, identity) {
      const key = watchKey(context, target, identity?.id);
      const entry = entries.get(key) ?? open(key, context, target, identity, resumeFrom);
      clearTimeout(entry.linger);
      entry.linger = undefined;
      const initial = initialUpdate(entry, resumeFrom);
      // Before the upstream's first sync: if that sync is the state the subscriber resumes from, it
      // already holds it and gets an empty `events` instead (then the changes after it).
      let awaitingResume = initial === undefined || initial.kind === 'chunk' ? resumeFrom : undefined;
      const deliver = (update: HubUpdate) => {
        // A resuming subscriber holds a state: it waits for the whole sync (or the empty events).
        if (awaitingResume !== undefined && update.kind === 'chunk') return;
        if (awaitingResume !== undefined && update.kind === 'sync') {
          const same = update.resourceVersion === awaitingResume;
          awaitingResume = undefined;
          if (same) return listener({ kind: 'events', events: [], resourceVersion: update.resourceVersion });
        }
        listener(update);
      };
      entry.listeners.add(deliver);
      if (initial) listener(initial);
      if (entry.status && entry.status.state !== 'live') listener(entry.status);
      let closed = false;
      return {
        snapshot: () => entry.watch.snapshot(),
        close() {
          if (closed) return;
          closed = true;
          entry.listeners.delete(deliver);
          if (entry.listeners.size > 0 || entries.get(key) !== entry) return;
          entry.linger = setTimeout(() => remove(key, entry), lingerMs);
        },
      };
    },
    closeContext(name, message) {
      for (const [key, entry] of [...entries]) {
        if (entry.contextName !== name) continue;
        remove(key, entry);
        const update: HubUpdate = { kind: 'error', code: 404, reason: 'NotFound', message };
        for (const listener of [...entry.listeners]) listener(update);
      }
    },
    size: () => entries.size,
    close() {
      for (const [key, entry] of [...entries]) remove(key, entry);
    },
  };
}
