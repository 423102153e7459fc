import type { KubeObject, ServerMessage, WatchEvent } from '@porthole/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createJsonText } from './json-text.ts';
import type { Outbound } from './outbound.ts';
import { createWatchSubscriber } from './watch-subscriber.ts';

function object(name: string, resourceVersion: string): KubeObject {
  return { metadata: { name, uid: `uid-${name}`, resourceVersion } };
}

/** An outbound whose congestion the test controls; it records what was sent. */
function recordingOutbound() {
  const sent: ServerMessage[] = [];
  let congested = false;
  let release: (() => void) | undefined;
  const out: Outbound = {
    send: (data) => sent.push(JSON.parse(String(data)) as ServerMessage),
    congested: () => congested,
    drained: () => (congested ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve()),
    bufferedBytes: () => 0,
    close: () => {},
  };
  return {
    out,
    sent,
    congest() {
      congested = true;
    },
    drain() {
      congested = false;
      release?.();
    },
  };
}

describe('createWatchSubscriber', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(
    items: KubeObject[] = [],
    options: { pendingBoundBytes?: number; onResync?: () => void } = {},
  ) {
    vi.useFakeTimers();
    const recorder = recordingOutbound();
    let state = { items, resourceVersion: '1' };
    const subscriber = createWatchSubscriber({
      id: 7,
      out: recorder.out,
      json: createJsonText(),
      snapshot: () => state,
      batchMs: 25,
      ...options,
    });
    const events = (list: WatchEvent[], resourceVersion: string) => {
      state = { items: state.items, resourceVersion };
      subscriber.update({ kind: 'events', events: list, resourceVersion });
    };
    const setItems = (next: KubeObject[]) => {
      state = { items: next, resourceVersion: state.resourceVersion };
    };
    return { ...recorder, subscriber, events, setItems };
  }

  it('sends a sync at once and batches the following deltas into one events message', () => {
    const { subscriber, sent, events } = setup([object('a', '1')]);
    subscriber.update({ kind: 'sync', items: [object('a', '1')], resourceVersion: '1' });
    expect(sent).toEqual([{ op: 'sync', id: 7, items: [object('a', '1')], resourceVersion: '1' }]);
    for (let i = 2; i < 12; i++) events([{ type: 'ADDED', object: object(`n${i}`, String(i)) }], String(i));
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(25);
    expect(sent).toHaveLength(2);
    const batch = sent[1] as Extract<ServerMessage, { op: 'events' }>;
    expect(batch.events.map((e) => e.object.metadata.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `n${i + 2}`),
    );
    expect(batch.resourceVersion).toBe('11');
  });

  it('sends a change after a quiet moment at once, and batches only what follows it', () => {
    const { subscriber, sent, events } = setup();
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '1' });
    vi.advanceTimersByTime(1_000);
    events([{ type: 'ADDED', object: object('a', '2') }], '2');
    vi.advanceTimersByTime(0);
    expect(sent).toHaveLength(2);
    events([{ type: 'ADDED', object: object('b', '3') }], '3');
    events([{ type: 'ADDED', object: object('c', '4') }], '4');
    vi.advanceTimersByTime(24);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sent).toHaveLength(3);
    expect((sent[2] as Extract<ServerMessage, { op: 'events' }>).events).toHaveLength(2);
  });

  it('coalesces changes of one object: ADDED then MODIFIED is one ADDED, ADDED then DELETED is nothing', () => {
    const { subscriber, sent, events } = setup();
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '1' });
    events([{ type: 'ADDED', object: object('a', '2') }], '2');
    events([{ type: 'MODIFIED', object: object('a', '3') }], '3');
    events([{ type: 'ADDED', object: object('b', '4') }], '4');
    events([{ type: 'DELETED', object: object('b', '5') }], '5');
    events([{ type: 'MODIFIED', object: object('c', '6') }], '6');
    events([{ type: 'DELETED', object: object('c', '7') }], '7');
    vi.advanceTimersByTime(25);
    const batch = sent[1] as Extract<ServerMessage, { op: 'events' }>;
    expect(batch.events).toEqual([
      { type: 'ADDED', object: object('a', '3') },
      { type: 'DELETED', object: object('c', '7') },
    ]);
    expect(batch.resourceVersion).toBe('7');
  });

  it('holds deltas while the socket is congested and sends them coalesced once it drains', async () => {
    const { subscriber, sent, events, congest, drain } = setup();
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '1' });
    congest();
    for (let i = 2; i < 102; i++) events([{ type: 'MODIFIED', object: object('a', String(i)) }], String(i));
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(1);
    drain();
    await vi.runAllTimersAsync();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual({
      op: 'events',
      id: 7,
      events: [{ type: 'MODIFIED', object: object('a', '101') }],
      resourceVersion: '101',
    });
  });

  it('past the bound drops the deltas and sends a fresh sync from the cache when the socket drains', async () => {
    const { subscriber, sent, events, congest, drain, setItems } = setup([], { pendingBoundBytes: 2_000 });
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '1' });
    congest();
    const all: KubeObject[] = [];
    for (let i = 2; i < 200; i++) {
      const o = object(`n${i}`, String(i));
      all.push(o);
      setItems([...all]);
      events([{ type: 'ADDED', object: o }], String(i));
    }
    drain();
    await vi.runAllTimersAsync();
    expect(sent).toHaveLength(2);
    const sync = sent[1] as Extract<ServerMessage, { op: 'sync' }>;
    expect(sync.op).toBe('sync');
    expect(sync.items).toHaveLength(198);
    expect(sync.resourceVersion).toBe('199');
  });

  it('answers a resume with an events message even when nothing changed', () => {
    const { subscriber, sent } = setup();
    subscriber.update({ kind: 'events', events: [], resourceVersion: '9' });
    expect(sent).toEqual([{ op: 'events', id: 7, events: [], resourceVersion: '9' }]);
  });

  it('sends pending deltas before a status and ends with an error', () => {
    const { subscriber, sent, events } = setup();
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '1' });
    events([{ type: 'ADDED', object: object('a', '2') }], '2');
    subscriber.update({ kind: 'status', state: 'resyncing' });
    subscriber.update({ kind: 'error', code: 403, reason: 'Forbidden', message: 'no' });
    events([{ type: 'ADDED', object: object('b', '3') }], '3');
    vi.advanceTimersByTime(100);
    expect(sent.map((m) => m.op)).toEqual(['sync', 'events', 'status', 'error']);
  });

  it('sends an object deleted and created again under its name within one batch as two events', () => {
    const { subscriber, sent, events } = setup();
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '1' });
    const old = object('a', '2');
    const recreated = { metadata: { ...object('a', '3').metadata, uid: 'uid-a-again' } };
    events([{ type: 'DELETED', object: old }], '2');
    events([{ type: 'ADDED', object: recreated }], '3');
    vi.advanceTimersByTime(25);
    expect((sent[1] as Extract<ServerMessage, { op: 'events' }>).events).toEqual([
      { type: 'DELETED', object: old },
      { type: 'ADDED', object: recreated },
    ]);
  });

  it("orders a batch by each object's last change", () => {
    const { subscriber, sent, events } = setup();
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '1' });
    events([{ type: 'MODIFIED', object: object('a', '2') }], '2');
    events([{ type: 'MODIFIED', object: object('b', '3') }], '3');
    events([{ type: 'MODIFIED', object: object('a', '4') }], '4');
    vi.advanceTimersByTime(25);
    const batch = sent[1] as Extract<ServerMessage, { op: 'events' }>;
    expect(batch.events.map((e) => e.object.metadata.name)).toEqual(['b', 'a']);
  });

  it('sends nothing for a sync while there is no snapshot yet', () => {
    const sent: string[] = [];
    const subscriber = createWatchSubscriber({
      id: 1,
      out: { ...recordingOutbound().out, send: (data) => sent.push(String(data)) },
      json: createJsonText(),
      snapshot: () => undefined,
    });
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '1' });
    expect(sent).toEqual([]);
  });

  it('counts a resync: every sync after the first', () => {
    let resyncs = 0;
    const { subscriber, sent } = setup([], { onResync: () => resyncs++ });
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '1' });
    expect(resyncs).toBe(0);
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '2' });
    expect(resyncs).toBe(1);
    expect(sent.map((m) => m.op)).toEqual(['sync', 'sync']);
  });

  it('sends no empty events message when a status flushes nothing', () => {
    const { subscriber, sent } = setup();
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '1' });
    subscriber.update({ kind: 'status', state: 'live' });
    vi.advanceTimersByTime(100);
    expect(sent.map((m) => m.op)).toEqual(['sync', 'status']);
  });

  it('starts the next batch from what a status flushed, not from the earlier timer', () => {
    const { subscriber, sent, events } = setup();
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '1' });
    events([{ type: 'ADDED', object: object('a', '2') }], '2');
    vi.advanceTimersByTime(20);
    subscriber.update({ kind: 'status', state: 'live' }); // sends a's event now, at 20 ms
    events([{ type: 'ADDED', object: object('b', '3') }], '3');
    vi.advanceTimersByTime(10); // 30 ms: the first timer (25 ms) must not send b early
    expect(sent.map((m) => m.op)).toEqual(['sync', 'events', 'status']);
    vi.advanceTimersByTime(20); // 50 ms: 25 ms after the last message
    expect(sent.map((m) => m.op)).toEqual(['sync', 'events', 'status', 'events']);
  });

  it('waits for the socket to drain again the second time it is congested', async () => {
    const { subscriber, sent, events, congest, drain } = setup();
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '1' });
    for (const round of [2, 3]) {
      congest();
      events([{ type: 'MODIFIED', object: object('a', String(round)) }], String(round));
      vi.advanceTimersByTime(100);
      expect(sent).toHaveLength(round - 1);
      drain();
      await vi.runAllTimersAsync();
      expect(sent).toHaveLength(round);
    }
  });

  it('sends nothing after close, not even once the socket drains', async () => {
    const { subscriber, sent, events, congest, drain } = setup();
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '1' });
    congest();
    events([{ type: 'MODIFIED', object: object('a', '2') }], '2');
    vi.advanceTimersByTime(100);
    subscriber.close();
    drain();
    await vi.runAllTimersAsync();
    subscriber.update({ kind: 'status', state: 'live' });
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '3' });
    expect(sent.map((m) => m.op)).toEqual(['sync']);
  });

  it('replaces pending deltas with a sync, and sends none of them after it', async () => {
    const { subscriber, sent, events, setItems } = setup();
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '1' });
    events([{ type: 'ADDED', object: object('a', '2') }], '2');
    setItems([object('a', '2')]);
    subscriber.update({ kind: 'sync', items: [object('a', '2')], resourceVersion: '2' });
    await vi.runAllTimersAsync();
    expect(sent.map((m) => m.op)).toEqual(['sync', 'sync']);
  });

  it('past the bound sends the sync only: the deltas after the bound are in it', async () => {
    const { subscriber, sent, events, congest, drain, setItems } = setup([], { pendingBoundBytes: 2_000 });
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '1' });
    congest();
    const all: KubeObject[] = [];
    for (let i = 2; i < 100; i++) {
      const o = object(`n${i}`, String(i));
      all.push(o);
      setItems([...all]);
      events([{ type: 'ADDED', object: o }], String(i));
    }
    drain();
    await vi.runAllTimersAsync();
    expect(sent.map((m) => m.op)).toEqual(['sync', 'sync']);
  });

  it('bounds the pending bytes by object, exactly: coalesced changes and add-then-delete take no room', async () => {
    const one = object('a', '2');
    const bytes = JSON.stringify(one).length + 30; // what one pending object is counted as
    // Room for exactly two objects: a third is past the bound.
    const run = async (fill: (events: (list: WatchEvent[], rv: string) => void) => void) => {
      const t = setup([], { pendingBoundBytes: 2 * bytes });
      t.subscriber.update({ kind: 'sync', items: [], resourceVersion: '1' });
      t.congest();
      fill(t.events);
      t.drain();
      await vi.runAllTimersAsync();
      vi.useRealTimers();
      return t.sent.map((m) => m.op);
    };
    // Two objects fill the room exactly: still deltas.
    expect(
      await run((events) => {
        events([{ type: 'MODIFIED', object: object('a', '2') }], '2');
        events([{ type: 'MODIFIED', object: object('b', '3') }], '3');
      }),
    ).toEqual(['sync', 'events']);
    // Three are past it: a sync.
    expect(
      await run((events) => {
        for (const name of ['a', 'b', 'c']) events([{ type: 'MODIFIED', object: object(name, '4') }], '4');
      }),
    ).toEqual(['sync', 'sync']);
    // Ten changes of one object count once.
    expect(
      await run((events) => {
        for (let i = 2; i < 12; i++)
          events([{ type: 'MODIFIED', object: object('a', String(i)) }], String(i));
      }),
    ).toEqual(['sync', 'events']);
    // Objects added and deleted again count for nothing (an empty batch is not even sent).
    expect(
      await run((events) => {
        for (let i = 2; i < 12; i++) {
          events([{ type: 'ADDED', object: object(`n${i}`, String(i)) }], String(i));
          events([{ type: 'DELETED', object: object(`n${i}`, String(i)) }], String(i));
        }
      }),
    ).toEqual(['sync']);
  });

  it('sends pending deltas before an error', () => {
    const { subscriber, sent, events } = setup();
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '1' });
    events([{ type: 'ADDED', object: object('a', '2') }], '2');
    subscriber.update({ kind: 'error', code: 410, reason: 'Expired', message: 'gone' });
    expect(sent.map((m) => m.op)).toEqual(['sync', 'events', 'error']);
  });
  // Found by mutation testing: a sync replaces the pending deltas, and the next batch must not bring back
  // the ones it replaced (they were only visible once another change followed the sync).
  it('sends none of the deltas a sync replaced in the batch after it', async () => {
    const { subscriber, sent, events, setItems } = setup();
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '1' });
    events([{ type: 'ADDED', object: object('a', '2') }], '2');
    setItems([object('a', '2')]);
    subscriber.update({ kind: 'sync', items: [object('a', '2')], resourceVersion: '2' });
    events([{ type: 'ADDED', object: object('b', '3') }], '3');
    await vi.runAllTimersAsync();
    expect(sent.map((m) => m.op)).toEqual(['sync', 'sync', 'events']);
    expect((sent[2] as Extract<ServerMessage, { op: 'events' }>).events).toEqual([
      { type: 'ADDED', object: object('b', '3') },
    ]);
  });

  it('past the bound, sends after the sync only the changes that came after it', async () => {
    const { subscriber, sent, events, congest, drain, setItems } = setup([], { pendingBoundBytes: 2_000 });
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '1' });
    congest();
    const all: KubeObject[] = [];
    for (let i = 2; i < 100; i++) {
      const o = object(`n${i}`, String(i));
      all.push(o);
      setItems([...all]);
      events([{ type: 'ADDED', object: o }], String(i));
    }
    drain();
    await vi.runAllTimersAsync();
    events([{ type: 'MODIFIED', object: object('n2', '100') }], '100');
    await vi.runAllTimersAsync();
    expect(sent.map((m) => m.op)).toEqual(['sync', 'sync', 'events']);
    expect((sent[2] as Extract<ServerMessage, { op: 'events' }>).events).toEqual([
      { type: 'MODIFIED', object: object('n2', '100') },
    ]);
  });

  it('sends only the status when it comes before anything else, and the first sync is no resync', () => {
    let resyncs = 0;
    const { subscriber, sent } = setup([], { onResync: () => resyncs++ });
    subscriber.update({
      kind: 'status',
      state: 'reconnecting',
      cause: { code: 503, reason: 'ServiceUnavailable', message: 'the API server is starting' },
    });
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '1' });
    expect(sent.map((m) => m.op)).toEqual(['status', 'sync']);
    expect(resyncs).toBe(0);
  });

  it('coalesces objects without a uid by namespace and name', () => {
    const { subscriber, sent, events } = setup();
    subscriber.update({ kind: 'sync', items: [], resourceVersion: '1' });
    const named = (namespace: string, name: string, resourceVersion: string): KubeObject => ({
      metadata: { namespace, name, resourceVersion },
    });
    events([{ type: 'MODIFIED', object: named('a', 'x', '2') }], '2');
    events([{ type: 'MODIFIED', object: named('b', 'x', '3') }], '3');
    events([{ type: 'MODIFIED', object: named('a', 'y', '4') }], '4');
    events([{ type: 'MODIFIED', object: named('a', 'x', '5') }], '5');
    vi.advanceTimersByTime(25);
    const batch = sent[1] as Extract<ServerMessage, { op: 'events' }>;
    expect(batch.events.map((e) => e.object.metadata)).toEqual([
      { namespace: 'b', name: 'x', resourceVersion: '3' },
      { namespace: 'a', name: 'y', resourceVersion: '4' },
      { namespace: 'a', name: 'x', resourceVersion: '5' },
    ]);
  });
});
