import { muxCloseCodes, muxSubprotocol } from '@porthole/protocol';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  createMuxConnection,
  socketUrl,
  type WebSocketConstructor,
  type WebSocketLike,
} from './mux-connection.ts';
import type { Subscription, SubscriptionChannel } from './subscription.ts';

/** A socket that records what the client does with it and opens when told: no server behind it. */
function recordingSockets() {
  const made: {
    url: string;
    protocols: unknown;
    sent: unknown[];
    emit: (type: string, code?: number) => void;
  }[] = [];
  class Recorder implements WebSocketLike {
    binaryType = 'blob';
    readonly sent: unknown[] = [];
    private readonly listeners = new Map<string, ((event: { data: unknown; code?: number }) => void)[]>();
    constructor(url: string, protocols?: string | string[]) {
      const emit = (type: string, code?: number) => {
        for (const listener of this.listeners.get(type) ?? []) listener({ data: undefined, code });
      };
      made.push({ url, protocols, sent: this.sent, emit });
    }
    send(data: string | Uint8Array) {
      this.sent.push(typeof data === 'string' ? JSON.parse(data) : data);
    }
    close() {}
    addEventListener(type: string, listener: (event: { data: unknown; code?: number }) => void) {
      this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
    }
  }
  return { made, WebSocket: Recorder as WebSocketConstructor };
}

function probe(ids: number[]) {
  return (channel: SubscriptionChannel): Subscription => {
    ids.push(channel.id);
    return {
      request: () => ({ op: 'clusters', id: channel.id }),
      receive: () => {},
      disconnected: () => {},
      terminated: () => {},
    };
  };
}

describe('createMuxConnection', () => {
  it("accepts the platform's WebSocket constructor", () => {
    expectTypeOf(globalThis.WebSocket).toExtend<WebSocketConstructor>();
  });

  it('connects lazily, hands out increasing ids and sends requests made while connecting once open', () => {
    const sockets = recordingSockets();
    const connection = createMuxConnection({ url: 'http://127.0.0.1:4466/ws', WebSocket: sockets.WebSocket });
    expect(connection.state()).toBe('idle');
    expect(sockets.made).toHaveLength(0);
    const ids: number[] = [];
    const first = connection.add(probe(ids));
    connection.add(probe(ids));
    expect(connection.state()).toBe('connecting');
    expect(sockets.made).toHaveLength(1);
    expect(sockets.made[0]).toMatchObject({
      url: 'ws://127.0.0.1:4466/ws',
      protocols: muxSubprotocol,
      sent: [],
    });
    sockets.made[0]?.emit('open');
    expect(connection.state()).toBe('open');
    connection.add(probe(ids));
    expect(ids).toEqual([1, 2, 3]);
    expect(sockets.made[0]?.sent).toEqual([
      { op: 'clusters', id: 1 },
      { op: 'clusters', id: 2 },
      { op: 'clusters', id: 3 },
    ]);
    expect(first).toBeDefined();
    connection.close();
    expect(connection.state()).toBe('closed');
  });

  it('turns http(s) URLs into ws(s) and refuses other schemes', () => {
    expect(socketUrl('https://porthole.example.com/ws')).toBe('wss://porthole.example.com/ws');
    expect(socketUrl('ws://127.0.0.1:1/ws')).toBe('ws://127.0.0.1:1/ws');
    expect(() => socketUrl('ftp://x/ws')).toThrow(/ws\(s\) or http\(s\)/);
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('reconnects at once after a 1012 (a draining replica), however far the backoff had grown', () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0.999); // every wait is its ceiling
    const sockets = recordingSockets();
    const connection = createMuxConnection({
      url: 'http://127.0.0.1:4466/ws',
      WebSocket: sockets.WebSocket,
      backoff: { initialMs: 1000, maxMs: 60_000 },
    });
    connection.add(probe([]));
    // Three sockets that open and drop silently: the waits grow to 1 s, 2 s, 4 s.
    for (const wait of [1000, 2000, 4000]) {
      const count = sockets.made.length;
      sockets.made.at(-1)?.emit('open');
      sockets.made.at(-1)?.emit('close', 1006);
      vi.advanceTimersByTime(wait - 10);
      expect(sockets.made).toHaveLength(count);
      vi.advanceTimersByTime(10);
      expect(sockets.made).toHaveLength(count + 1);
    }
    // The fourth would wait 8 s; a service restart waits the first ceiling (1 s) only.
    sockets.made.at(-1)?.emit('open');
    sockets.made.at(-1)?.emit('close', muxCloseCodes.serviceRestart);
    expect(connection.state()).toBe('reconnecting');
    vi.advanceTimersByTime(1000);
    expect(sockets.made).toHaveLength(5);
    connection.close();
  });
});
