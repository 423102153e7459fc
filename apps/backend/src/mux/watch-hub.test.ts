import type { KubeObject, WatchEvent } from '@porthole/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { staticTokenCredentials, testContext, unchangedHeaders } from '../proxy/test-backend.ts';
import type { UpstreamWatch, UpstreamWatchOptions, WatchUpdate } from './upstream-watch.ts';
import { createWatchHub, type HubUpdate, watchKey } from './watch-hub.ts';
import type { UpstreamWatchTarget } from './watch-request.ts';

// The hub's own logic (sharing, linger, resume history, errors) with upstream watches the test drives.
// The upstream watch itself meets the real API server in upstream-watch.cluster.test.ts, and the hub with
// it in mux-server.cluster.test.ts.

interface DrivenWatch extends UpstreamWatch {
  options: UpstreamWatchOptions;
  stopped: boolean;
  emit(update: WatchUpdate): void;
}

function drivenUpstreams() {
  const made: DrivenWatch[] = [];
  const createWatch = (options: UpstreamWatchOptions): UpstreamWatch => {
    const listeners = new Set<(update: WatchUpdate) => void>();
    let state: { items: KubeObject[]; resourceVersion: string } | undefined;
    let listed: KubeObject[] | undefined;
    const watch: DrivenWatch = {
      options,
      stopped: false,
      emit(update) {
        if (update.kind === 'chunk') listed = [...(update.first ? [] : (listed ?? [])), ...update.items];
        if (update.kind === 'sync') listed = undefined;
        if (update.kind === 'sync') state = { items: update.items, resourceVersion: update.resourceVersion };
        if (update.kind === 'events' && state) state = { ...state, resourceVersion: update.resourceVersion };
        for (const listener of [...listeners]) listener(update);
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      snapshot: () => state,
      partial: () => (listed ? { kind: 'chunk', items: listed, first: true } : undefined),
      stop() {
        watch.stopped = true;
      },
    };
    made.push(watch);
    return watch;
  };
  return { made, createWatch };
}

const alpha = testContext({ name: 'alpha', server: 'https://alpha.example', caPem: 'CA', token: 'a' });
const beta = testContext({ name: 'beta', server: 'https://beta.example', caPem: 'CA', token: 'b' });
const pods: UpstreamWatchTarget = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };
const cm = (name: string): KubeObject => ({ metadata: { name, uid: `uid-${name}` } });
const added = (name: string): WatchEvent => ({ type: 'ADDED', object: cm(name) });

function setup(options: { lingerMs?: number; historyBatches?: number } = {}) {
  vi.useFakeTimers();
  const upstreams = drivenUpstreams();
  const counted: number[] = [];
  const hub = createWatchHub({
    upstream: { credentials: staticTokenCredentials(), adapterFor: () => unchangedHeaders },
    createWatch: upstreams.createWatch,
    onEventsIn: (n) => counted.push(n),
    ...options,
  });
  const listen = (context = alpha, target = pods, resumeFrom?: string) => {
    const got: HubUpdate[] = [];
    const sub = hub.subscribe(context, target, (u) => got.push(u), resumeFrom);
    return { got, sub };
  };
  return { hub, made: upstreams.made, counted, listen };
}

describe('createWatchHub', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shares one upstream among subscribers of the same watch, as the same user', () => {
    const { hub, made, listen } = setup();
    listen();
    listen();
    expect(made).toHaveLength(1);
    expect(made[0]!.options).toMatchObject({ context: alpha, target: pods });
    listen(alpha, { ...pods, namespace: 'other' });
    listen(beta);
    listen({ ...alpha, fingerprint: 'another user' });
    listen(alpha, { ...pods, labelSelector: 'app=x' });
    expect(made).toHaveLength(5);
    expect(hub.size()).toBe(5);
    // Two values of one query field are two watches.
    for (const field of ['name', 'labelSelector', 'fieldSelector'] as const) {
      listen(alpha, { ...pods, [field]: 'one=1' });
      listen(alpha, { ...pods, [field]: 'two=2' });
    }
    expect(hub.size()).toBe(5 + 6);
  });

  it('gives a subscriber joining a first LIST in progress the pages so far as one first chunk, then the rest', () => {
    const { made, listen } = setup();
    const early = listen();
    made[0]!.emit({ kind: 'chunk', items: [cm('a'), cm('b')], first: true, remainingItemCount: 2 });
    const late = listen();
    expect(late.got).toEqual([{ kind: 'chunk', items: [cm('a'), cm('b')], first: true }]);
    made[0]!.emit({ kind: 'chunk', items: [cm('c')], first: false, remainingItemCount: 1 });
    made[0]!.emit({
      kind: 'sync',
      items: [cm('a'), cm('b'), cm('c'), cm('d')],
      resourceVersion: '9',
      lastPage: [cm('d')],
    });
    expect(late.got.map((u) => u.kind)).toEqual(['chunk', 'chunk', 'sync']);
    expect(early.got.map((u) => u.kind)).toEqual(['chunk', 'chunk', 'sync']);
  });

  it('sends a resuming subscriber no chunks: it holds a state and waits for the whole sync', () => {
    const { made, listen } = setup();
    listen();
    made[0]!.emit({ kind: 'chunk', items: [cm('a')], first: true });
    const resumed = listen(alpha, pods, '4');
    made[0]!.emit({ kind: 'chunk', items: [cm('b')], first: false });
    made[0]!.emit({
      kind: 'sync',
      items: [cm('a'), cm('b'), cm('c')],
      resourceVersion: '9',
      lastPage: [cm('c')],
    });
    expect(resumed.got.map((u) => u.kind)).toEqual(['sync']);
  });

  it('needs no onEventsIn', () => {
    const upstreams = drivenUpstreams();
    const hub = createWatchHub({
      upstream: { credentials: staticTokenCredentials(), adapterFor: () => unchangedHeaders },
      createWatch: upstreams.createWatch,
    });
    const got: HubUpdate[] = [];
    hub.subscribe(alpha, pods, (u) => got.push(u));
    upstreams.made[0]!.emit({ kind: 'sync', items: [], resourceVersion: '1' });
    upstreams.made[0]!.emit({ kind: 'events', events: [added('a')], resourceVersion: '2' });
    expect(got.map((u) => u.kind)).toEqual(['sync', 'events']);
  });

  it('keys a watch by context, identity, resource and the whole query', () => {
    const keys = new Set([
      watchKey(alpha, pods),
      watchKey(beta, pods),
      watchKey({ ...alpha, fingerprint: 'x' }, pods),
      watchKey(alpha, { ...pods, group: 'apps' }),
      watchKey(alpha, { ...pods, version: 'v2' }),
      watchKey(alpha, { ...pods, resource: 'services' }),
      watchKey(alpha, { ...pods, namespace: undefined }),
      watchKey(alpha, { ...pods, name: 'p' }),
      watchKey(alpha, { ...pods, labelSelector: 'a=b' }),
      watchKey(alpha, { ...pods, fieldSelector: 'a=b' }),
    ]);
    expect(keys.size).toBe(10);
    expect(watchKey(alpha, { ...pods })).toBe(watchKey(alpha, pods));
  });

  it("shares an upstream only within one principal id, each acting with that principal's credentials", () => {
    const { hub, made } = setup();
    const alice = { id: 'proxy:alice#1', credentials: staticTokenCredentials() };
    const bob = { id: 'proxy:bob#2', credentials: staticTokenCredentials() };
    const toAlice: HubUpdate[] = [];
    const toAlice2: HubUpdate[] = [];
    const toBob: HubUpdate[] = [];
    hub.subscribe(alpha, pods, (u) => toAlice.push(u), undefined, alice);
    hub.subscribe(alpha, pods, (u) => toAlice2.push(u), undefined, { ...alice });
    hub.subscribe(alpha, pods, (u) => toBob.push(u), undefined, bob);
    expect(made).toHaveLength(2);
    expect(made[0]!.options.credentials).toBe(alice.credentials);
    expect(made[1]!.options.credentials).toBe(bob.credentials);
    made[0]!.emit({ kind: 'sync', items: [cm('alices')], resourceVersion: '1' });
    expect(toAlice.map((u) => u.kind)).toEqual(['sync']);
    expect(toAlice2.map((u) => u.kind)).toEqual(['sync']);
    expect(toBob).toEqual([]);
    expect(watchKey(alpha, pods, alice.id)).not.toBe(watchKey(alpha, pods, bob.id));
    expect(watchKey(alpha, pods)).toBe(watchKey(alpha, pods, 'local'));
  });

  it('gives every subscriber the updates; a late one starts from the current state as a sync', () => {
    const { made, listen } = setup();
    const first = listen();
    expect(first.got).toEqual([]);
    made[0]!.emit({ kind: 'sync', items: [cm('a')], resourceVersion: '1' });
    made[0]!.emit({ kind: 'events', events: [added('b')], resourceVersion: '2' });
    const late = listen();
    expect(late.got).toEqual([{ kind: 'sync', items: [cm('a')], resourceVersion: '2' }]);
    expect(late.sub.snapshot()).toEqual({ items: [cm('a')], resourceVersion: '2' });
    made[0]!.emit({ kind: 'events', events: [added('c')], resourceVersion: '3' });
    expect(first.got.map((u) => u.kind)).toEqual(['sync', 'events', 'events']);
    expect(late.got.map((u) => u.kind)).toEqual(['sync', 'events']);
    late.sub.close();
    made[0]!.emit({ kind: 'events', events: [added('d')], resourceVersion: '4' });
    expect(late.got).toHaveLength(2);
    expect(first.got).toHaveLength(4);
  });

  it('keeps an upstream for the linger time after its last subscriber leaves; one who joins then reuses it', () => {
    const { hub, made, listen } = setup({ lingerMs: 1_000 });
    const a = listen();
    const b = listen();
    a.sub.close();
    vi.advanceTimersByTime(5_000);
    expect(made[0]!.stopped).toBe(false); // b still watches
    b.sub.close();
    vi.advanceTimersByTime(999);
    expect(made[0]!.stopped).toBe(false);
    const c = listen();
    vi.advanceTimersByTime(5_000);
    expect(made).toHaveLength(1);
    expect(made[0]!.stopped).toBe(false);
    c.sub.close();
    c.sub.close(); // twice is once
    vi.advanceTimersByTime(1_000);
    expect(made[0]!.stopped).toBe(true);
    expect(hub.size()).toBe(0);
    listen();
    expect(made).toHaveLength(2);
  });

  it('lingers 2 s by default', () => {
    const { made, listen } = setup();
    listen().sub.close();
    vi.advanceTimersByTime(1_999);
    expect(made[0]!.stopped).toBe(false);
    vi.advanceTimersByTime(1);
    expect(made[0]!.stopped).toBe(true);
  });

  it('answers a resume from a remembered resourceVersion with the events after it', () => {
    const { made, listen } = setup();
    listen();
    const up = made[0]!;
    up.emit({ kind: 'sync', items: [], resourceVersion: '1' });
    up.emit({ kind: 'events', events: [added('a')], resourceVersion: '2' });
    up.emit({ kind: 'events', events: [added('b'), added('c')], resourceVersion: '3' });
    expect(listen(alpha, pods, '1').got).toEqual([
      { kind: 'events', events: [added('a'), added('b'), added('c')], resourceVersion: '3' },
    ]);
    expect(listen(alpha, pods, '2').got).toEqual([
      { kind: 'events', events: [added('b'), added('c')], resourceVersion: '3' },
    ]);
    // Up to date: an empty events message, which tells the client its state is current.
    expect(listen(alpha, pods, '3').got).toEqual([{ kind: 'events', events: [], resourceVersion: '3' }]);
    expect(listen(alpha, pods, '99').got).toEqual([{ kind: 'sync', items: [], resourceVersion: '3' }]);
  });

  it('remembers historyBatches batches; older resume points get a sync, as do all after a resync', () => {
    const { made, listen } = setup({ historyBatches: 2 });
    listen();
    const up = made[0]!;
    up.emit({ kind: 'sync', items: [], resourceVersion: '1' });
    for (const rv of ['2', '3', '4']) up.emit({ kind: 'events', events: [added(rv)], resourceVersion: rv });
    expect(listen(alpha, pods, '1').got.map((u) => u.kind)).toEqual(['sync']);
    expect(listen(alpha, pods, '2').got).toEqual([
      { kind: 'events', events: [added('3'), added('4')], resourceVersion: '4' },
    ]);
    up.emit({ kind: 'sync', items: [cm('x')], resourceVersion: '10' });
    expect(listen(alpha, pods, '4').got.map((u) => u.kind)).toEqual(['sync']);
    expect(listen(alpha, pods, '10').got).toEqual([{ kind: 'events', events: [], resourceVersion: '10' }]);
  });

  it('tells a late subscriber a state other than live, after its start', () => {
    const { made, listen } = setup();
    listen();
    const up = made[0]!;
    up.emit({ kind: 'sync', items: [], resourceVersion: '1' });
    up.emit({ kind: 'status', state: 'reconnecting' });
    expect(listen().got).toEqual([
      { kind: 'sync', items: [], resourceVersion: '1' },
      { kind: 'status', state: 'reconnecting' },
    ]);
    up.emit({ kind: 'status', state: 'live' });
    expect(listen().got).toEqual([{ kind: 'sync', items: [], resourceVersion: '1' }]);
  });

  it('counts the events of each upstream batch', () => {
    const { made, counted, listen } = setup();
    listen();
    listen();
    made[0]!.emit({ kind: 'sync', items: [], resourceVersion: '1' });
    made[0]!.emit({ kind: 'events', events: [added('a'), added('b')], resourceVersion: '2' });
    expect(counted).toEqual([2]);
  });

  it('forgets a failed upstream: its subscribers get the error, the next subscriber starts a new one', () => {
    const { hub, made, listen } = setup();
    const a = listen();
    const error = { kind: 'error', code: 403, reason: 'Forbidden', message: 'no' } as const;
    made[0]!.emit(error);
    expect(a.got).toEqual([error]);
    expect(made[0]!.stopped).toBe(true);
    expect(hub.size()).toBe(0);
    listen();
    expect(made).toHaveLength(2);
    // The failed one's subscriber leaving later does not touch the new upstream.
    a.sub.close();
    vi.advanceTimersByTime(10_000);
    expect(made[1]!.stopped).toBe(false);
  });

  it('ends every watch of a removed context with a 404, and only those', () => {
    const { hub, made, listen } = setup();
    const a = listen(alpha);
    const a2 = listen(alpha, { ...pods, resource: 'services' });
    const b = listen(beta);
    hub.closeContext('alpha', 'context "alpha" was removed from the kubeconfig');
    const gone = {
      kind: 'error',
      code: 404,
      reason: 'NotFound',
      message: 'context "alpha" was removed from the kubeconfig',
    };
    expect(a.got).toEqual([gone]);
    expect(a2.got).toEqual([gone]);
    expect(b.got).toEqual([]);
    expect(made.map((w) => w.stopped)).toEqual([true, true, false]);
    expect(hub.size()).toBe(1);
    hub.close();
    expect(made[2]!.stopped).toBe(true);
    expect(hub.size()).toBe(0);
  });

  it('opens the upstream of a resume it has never seen at that resourceVersion; that state answers with empty events', () => {
    const { made, listen } = setup();
    const resumed = listen(alpha, pods, '41');
    expect(made[0]!.options.listAt).toBe('41');
    // A plain subscriber joining before the first sync gets it as a sync.
    const fresh = listen();
    made[0]!.emit({ kind: 'sync', items: [cm('a')], resourceVersion: '41' });
    made[0]!.emit({ kind: 'events', events: [added('b')], resourceVersion: '42' });
    expect(resumed.got).toEqual([
      { kind: 'events', events: [], resourceVersion: '41' },
      { kind: 'events', events: [added('b')], resourceVersion: '42' },
    ]);
    expect(fresh.got[0]).toEqual({ kind: 'sync', items: [cm('a')], resourceVersion: '41' });
    // Closing the resumed subscription releases it (the fresh one keeps the upstream).
    resumed.sub.close();
    made[0]!.emit({ kind: 'events', events: [added('c')], resourceVersion: '43' });
    expect(resumed.got).toHaveLength(2);
  });

  it('sends a sync to a resume whose state the API server no longer had (the upstream listed the present)', () => {
    const { made, listen } = setup();
    const resumed = listen(alpha, pods, '41');
    made[0]!.emit({ kind: 'sync', items: [cm('a'), cm('b')], resourceVersion: '97' });
    expect(resumed.got).toEqual([{ kind: 'sync', items: [cm('a'), cm('b')], resourceVersion: '97' }]);
    // An upstream opened without a resume lists the present.
    listen(beta);
    expect(made[1]!.options.listAt).toBeUndefined();
  });
});
