import type { Distribution, KubeObject, UpstreamCause, WatchEvent } from '@porthole/protocol';
import type { DistributionAdapter } from '../auth/distribution-adapter.ts';
import type { CredentialProvider } from '../auth/upstream-credentials.ts';
import type { ResolvedContext } from '../clusters/resolved-context.ts';
import { type AgentPool, createAgentPool } from '../proxy/agent-pool.ts';
import type { UpstreamDeadlines } from '../proxy/upstream-deadlines.ts';
import { createObjectCache } from './object-cache.ts';
import { type ListedPage, listAllPages } from './paged-list.ts';
import {
  abortableDelay,
  backoffDelay,
  collectionPath,
  createLineSplitter,
  defaultUpstreamBackoff,
  failureOf,
  fatalUpstreamCodes,
  isUpstreamFailure,
  openGet,
  readBody,
  responseFailure,
  type UpstreamFailure,
  type UpstreamWatchTarget,
  type WatchTransport,
} from './watch-request.ts';

export type { UpstreamWatchTarget } from './watch-request.ts';

/** What an upstream watch publishes to its subscribers. */
export type WatchUpdate =
  | {
      kind: 'sync';
      items: KubeObject[];
      resourceVersion: string;
      /**
       * When this sync completes a listing that was published in `chunk`s: its last page, the only items
       * no chunk carried (a subscriber that sent every chunk since `first` sends just these).
       */
      lastPage?: KubeObject[] | undefined;
      /** `lastPage` as the API server's JSON text, when it could be cut from the body. */
      lastPageText?: string | undefined;
    }
  /**
   * A page of a LIST in progress (never the last: that one completes it as a `sync`), with its items'
   * JSON text as the API server sent it when it could be cut from the body (no second serialisation).
   */
  | {
      kind: 'chunk';
      items: KubeObject[];
      first: boolean;
      remainingItemCount?: number | undefined;
      itemsText?: string | undefined;
    }
  | { kind: 'events'; events: WatchEvent[]; resourceVersion: string }
  | { kind: 'status'; state: 'live' | 'reconnecting' | 'resyncing'; cause?: UpstreamCause | undefined }
  | { kind: 'error'; code: number; reason: string; message: string };

export interface UpstreamWatchOptions {
  context: ResolvedContext;
  credentials: CredentialProvider;
  /** The context's distribution adapter has the last word on upstream headers, as in the proxy. */
  adapterFor: (distribution: Distribution) => DistributionAdapter;
  target: UpstreamWatchTarget;
  /** `limit` of each LIST page; default 500. */
  pageSize?: number;
  backoff?: { initialMs: number; maxMs: number };
  /** Connection pool; default a private one, closed by `stop()`. */
  agents?: AgentPool;
  /** Deadlines of the LISTs and WATCHes (the WATCH bodies get none); default the proxy's defaults. */
  deadlines?: Partial<UpstreamDeadlines> | undefined;
  /**
   * A state already known (e.g. kept across a restart): published as the first `sync` and watched from
   * its resourceVersion without a LIST; a 410 then relists as usual.
   */
  initial?: { items: KubeObject[]; resourceVersion: string };
  /**
   * List the state at this resourceVersion first (a client resuming from it on a replica that never saw
   * it: the changes after it then arrive as events); when the API server no longer has it, or refuses,
   * an ordinary LIST of the present.
   */
  listAt?: string | undefined;
  /** `timeoutSeconds` of each WATCH (the API server then ends it cleanly); default 300-600 at random. */
  watchTimeoutSeconds?: number;
  /** Called before each upstream request (metrics, tests). */
  onRequest?: (request: { kind: 'list' | 'watch'; path: string }) => void;
}

/** One shared list+watch of a resource with its object cache. */
export interface UpstreamWatch {
  /** Late subscribers get the cached state as a `sync` at once (and the error if the watch failed). */
  subscribe(listener: (update: WatchUpdate) => void): () => void;
  snapshot(): { items: KubeObject[]; resourceVersion: string } | undefined;
  /** The pages published so far of a LIST still in progress (as one `first` chunk); else undefined. */
  partial(): Extract<WatchUpdate, { kind: 'chunk' }> | undefined;
  stop(): void;
}

type WatchEnd =
  | { kind: 'closed'; lastedMs: number }
  | { kind: 'expired' }
  | { kind: 'failed'; failure: UpstreamFailure };

/**
 * Lists (paginated) then watches one resource upstream, keeps its objects by uid, resumes after clean
 * closes from the last resourceVersion (bookmarks included), relists on 410 and backs off on errors.
 *
 * @example
 * const watch = createUpstreamWatch({ context, credentials, target: { group: '', version: 'v1', resource: 'pods' } });
 * const unsubscribe = watch.subscribe((update) => send(update));
 * // ... later
 * unsubscribe();
 * watch.stop();
 */
export function createUpstreamWatch(options: UpstreamWatchOptions): UpstreamWatch {
  const ownAgents = options.agents ? undefined : createAgentPool();
  const transport: WatchTransport = {
    context: options.context,
    credentials: options.credentials,
    adapterFor: options.adapterFor,
    agents: options.agents ?? (ownAgents as AgentPool),
    deadlines: options.deadlines,
  };
  const backoff = options.backoff ?? defaultUpstreamBackoff;
  const pageSize = options.pageSize ?? 500;
  const listeners = new Set<(update: WatchUpdate) => void>();
  const cache = createObjectCache();
  const controller = new AbortController();
  let synced = false;
  let state: 'live' | 'reconnecting' | 'resyncing' | undefined;
  /** Why it is reconnecting: the last attempt's failure. */
  let cause: UpstreamCause | undefined;
  let failure: WatchUpdate | undefined;
  let attempt = 0;
  /** The pages published as chunks of the LIST in progress. */
  let listing: { items: KubeObject[]; remainingItemCount: number | undefined } | undefined;

  function publish(update: WatchUpdate): void {
    for (const listener of [...listeners]) listener(update);
  }

  function setState(next: 'live' | 'reconnecting' | 'resyncing', failed?: UpstreamFailure): void {
    const nextCause = failed && { code: failed.code, reason: failed.reason, message: failed.message };
    if (state === next && cause?.message === nextCause?.message) return;
    state = next;
    cause = nextCause;
    publish(statusUpdate());
  }

  function statusUpdate(): WatchUpdate {
    return { kind: 'status', state: state ?? 'live', ...(cause ? { cause } : {}) };
  }

  function snapshot() {
    const resourceVersion = cache.resourceVersion();
    if (!synced || resourceVersion === undefined) return undefined;
    return { items: cache.items(), resourceVersion };
  }

  function partial(): Extract<WatchUpdate, { kind: 'chunk' }> | undefined {
    if (!listing || listing.items.length === 0) return undefined;
    return {
      kind: 'chunk',
      items: [...listing.items],
      first: true,
      remainingItemCount: listing.remainingItemCount,
    };
  }

  function replace(items: KubeObject[], resourceVersion: string, last?: ListedPage): void {
    cache.replace(items, resourceVersion);
    synced = true;
    listing = undefined;
    publish({
      kind: 'sync',
      items: cache.items(),
      resourceVersion,
      ...(last ? { lastPage: last.items, lastPageText: last.itemsText } : {}),
    });
  }

  /** Publishes each page but the last as a chunk as it arrives; returns the last page once chunks went. */
  function chunkPages(): { onItems: (page: ListedPage) => void; lastPage: () => ListedPage | undefined } {
    let last: ListedPage | undefined;
    return {
      onItems(page) {
        if (page.first) listing = undefined;
        if (page.last) {
          last = listing ? page : undefined;
          return;
        }
        const first = listing === undefined;
        listing ??= { items: [], remainingItemCount: undefined };
        for (const item of page.items) listing.items.push(item);
        listing.remainingItemCount = page.remainingItemCount;
        publish({
          kind: 'chunk',
          items: page.items,
          first,
          remainingItemCount: page.remainingItemCount,
          itemsText: page.itemsText,
        });
      },
      lastPage: () => last,
    };
  }

  async function pause(failure?: UpstreamFailure): Promise<void> {
    const delay = backoffDelay(attempt++, backoff);
    await abortableDelay(Math.max(delay, (failure?.retryAfterSeconds ?? 0) * 1000), controller.signal);
  }

  function fail(failed: UpstreamFailure): void {
    failure = { kind: 'error', code: failed.code, reason: failed.reason, message: failed.message };
    publish(failure);
    stop();
  }

  /** One WATCH request from the current resourceVersion, until it ends. */
  async function watchOnce(): Promise<WatchEnd> {
    const started = Date.now();
    // Like client-go: a random server-side timeout of 5-10 minutes, so streams end cleanly and resume.
    const timeoutSeconds = String(options.watchTimeoutSeconds ?? 300 + Math.floor(Math.random() * 300));
    const params = {
      watch: '1',
      allowWatchBookmarks: 'true',
      resourceVersion: cache.resourceVersion() ?? '',
      timeoutSeconds,
    };
    const path = collectionPath(options.target, params);
    options.onRequest?.({ kind: 'watch', path });
    let response: Awaited<ReturnType<typeof openGet>>;
    try {
      response = await openGet(transport, path, controller.signal);
    } catch (err) {
      return {
        kind: 'failed',
        failure: isUpstreamFailure(err) ? err : failureOf(err, 503, 'ServiceUnavailable'),
      };
    }
    if (response.statusCode !== 200) {
      const failed = responseFailure(response, await readBody(response).catch(() => ''));
      if (failed.code === 410) return { kind: 'expired' };
      return { kind: 'failed', failure: failed };
    }
    // An expired resume point is a 200 followed by an ERROR event: only call the stream live once its
    // first data applied cleanly, or once it stayed open a moment without any.
    const live = () => {
      attempt = 0;
      setState('live');
    };
    const liveSoon = setTimeout(live, 250);
    response.setEncoding('utf8');
    const split = createLineSplitter();
    try {
      for await (const chunk of response) {
        const { events, error } = cache.apply(split(chunk as string));
        const end: WatchEnd | undefined =
          error && (error.code === 410 ? { kind: 'expired' } : { kind: 'failed', failure: error });
        if (!end) {
          clearTimeout(liveSoon);
          live();
        }
        // A bookmark in the same chunk moves the batch's resourceVersion on: nothing happened in between.
        if (events.length > 0)
          publish({ kind: 'events', events, resourceVersion: cache.resourceVersion() ?? '' });
        if (end) {
          response.destroy();
          return end;
        }
      }
    } catch (err) {
      if (controller.signal.aborted) return { kind: 'closed', lastedMs: 0 };
      return { kind: 'failed', failure: failureOf(err, 503, 'ServiceUnavailable') };
    } finally {
      clearTimeout(liveSoon);
    }
    return { kind: 'closed', lastedMs: Date.now() - started };
  }

  /** One whole LIST (of the state at `at` when given) published as the state; false when aborted. */
  async function listOnce(at?: string): Promise<boolean> {
    // A LIST at a resumed resourceVersion rebuilds a state the client holds already: no chunks.
    const chunks = at === undefined ? chunkPages() : undefined;
    try {
      const listed = await listAllPages({
        transport,
        target: options.target,
        pageSize,
        signal: controller.signal,
        onPage: (path) => options.onRequest?.({ kind: 'list', path }),
        ...(chunks && { onItems: chunks.onItems }),
        ...(at !== undefined && { at }),
      });
      if (controller.signal.aborted) return false;
      replace(listed.items, listed.resourceVersion, chunks?.lastPage());
      return true;
    } finally {
      // A LIST that failed half-way published chunks nobody should build on: the next one starts over.
      listing = undefined;
    }
  }

  /** One LIST of the state at `at`; false (and nothing published) when that can't be had. */
  async function listAt(at: string): Promise<boolean> {
    try {
      return await listOnce(at);
    } catch {
      return false;
    }
  }

  /** LIST until it succeeds (or fails for good, which ends the watch). */
  async function relist(): Promise<boolean> {
    while (!controller.signal.aborted) {
      try {
        return await listOnce();
      } catch (err) {
        if (controller.signal.aborted) return false;
        const failed = isUpstreamFailure(err) ? err : failureOf(err, 500, 'InternalError');
        if (fatalUpstreamCodes.has(failed.code)) {
          fail(failed);
          return false;
        }
        setState('reconnecting', failed);
        await pause(failed);
      }
    }
    return false;
  }

  async function run(): Promise<void> {
    if (options.initial) replace(options.initial.items, options.initial.resourceVersion);
    else if (options.listAt !== undefined && (await listAt(options.listAt))) {
      // The state the resuming client holds; the WATCH below brings every change since.
    } else if (!(await relist())) return;
    while (!controller.signal.aborted) {
      const end = await watchOnce();
      if (controller.signal.aborted) return;
      if (end.kind === 'closed') {
        // A stream that ends at once every time would spin: count it as a failed attempt.
        if (end.lastedMs < 1000) await pause();
        continue;
      }
      if (end.kind === 'failed' && !fatalUpstreamCodes.has(end.failure.code)) {
        setState('reconnecting', end.failure);
        await pause(end.failure);
        continue;
      }
      // 410, or a 401/403/404 on the watch: a LIST tells whether the resource is still readable.
      setState('resyncing');
      if (!(await relist())) return;
    }
  }

  function stop(): void {
    if (controller.signal.aborted) return;
    controller.abort();
    ownAgents?.close();
  }

  void run().catch((err: unknown) => {
    if (!controller.signal.aborted) fail(failureOf(err, 500, 'InternalError'));
  });

  return {
    subscribe(listener) {
      listeners.add(listener);
      const current = snapshot();
      if (current) listener({ kind: 'sync', ...current });
      else {
        const sofar = partial();
        if (sofar) listener(sofar);
      }
      if (state && state !== 'live') listener(statusUpdate());
      if (failure) listener(failure);
      return () => {
        listeners.delete(listener);
      };
    },
    snapshot,
    partial,
    stop,
  };
}
