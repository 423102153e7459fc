import { decodeExecFrame, muxCloseCodes, muxSubprotocol } from '@porthole/protocol';
import { type BackoffOptions, backoffDelay, defaultBackoff } from './backoff.ts';
import { parseServerMessage } from './server-message.ts';
import type { Subscription, SubscriptionChannel } from './subscription.ts';

/**
 * The part of the WebSocket API the client uses: the browser's and Node's global `WebSocket` fit, and so
 * does the `ws` package's.
 */
export interface WebSocketLike {
  binaryType: string;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'close', listener: (event: { code?: number }) => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/** A WebSocket constructor, e.g. `globalThis.WebSocket` or the `ws` package's `WebSocket`. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

/**
 * Where the client's one socket stands. `idle`: no socket yet (it connects on the first subscription) or
 * none needed (the last socket dropped with no subscription left); `connecting`: the first attempt;
 * `reconnecting`: waiting (backoff) or connecting again after a drop; `closed`: {@link MuxClient.close} was
 * called.
 */
export type MuxState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Options of the connection behind {@link createMuxClient}. */
export interface MuxConnectionOptions {
  /** The multiplexer's URL: `ws(s)://host/ws`, `http(s)://host/ws`, or a path like `/ws` in a browser. */
  url: string;
  /** The WebSocket implementation; default the global one. */
  WebSocket?: WebSocketConstructor | undefined;
  backoff?: BackoffOptions | undefined;
  /** A `ping` goes out this often while the socket is open (ms, default 10,000). */
  heartbeatMs?: number | undefined;
  /** Nothing heard for this long (ms, default 25,000): the socket is dropped and a new one opened. */
  heartbeatTimeoutMs?: number | undefined;
}

export interface MuxConnection {
  /** Registers a subscription under a fresh id; its request goes out now if the socket is open, else on open. */
  add<S extends Subscription>(build: (channel: SubscriptionChannel) => S): S;
  state(): MuxState;
  onStateChange(listener: (state: MuxState) => void): () => void;
  close(): void;
}

interface Entry {
  sub: Subscription;
  /** The request is out on the current socket. */
  sent: boolean;
  /** The request went out on some socket (so a resend is a resume). */
  everSent: boolean;
}

/** `http(s)://` becomes `ws(s)://`; a relative URL is resolved against the page's. */
export function socketUrl(url: string): string {
  const base = (globalThis as { location?: { href: string } }).location?.href;
  const parsed = new URL(url, base);
  if (parsed.protocol === 'http:') parsed.protocol = 'ws:';
  else if (parsed.protocol === 'https:') parsed.protocol = 'wss:';
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:')
    throw new TypeError(`the multiplexer URL must be ws(s) or http(s), got ${url}`);
  return parsed.href;
}

/**
 * One WebSocket shared by all subscriptions: connects lazily, reconnects with backoff and full jitter,
 * heartbeats, and resends every live subscription's request on each new socket. Internal: the public face
 * is {@link createMuxClient}.
 */
export function createMuxConnection(options: MuxConnectionOptions): MuxConnection {
  const url = socketUrl(options.url);
  const WebSocketImpl = options.WebSocket ?? (globalThis.WebSocket as WebSocketConstructor | undefined);
  if (!WebSocketImpl) throw new TypeError('no WebSocket implementation: pass options.WebSocket');
  const backoff = options.backoff ?? defaultBackoff;
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  const heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? 25_000;

  const entries = new Map<number, Entry>();
  const listeners = new Set<(state: MuxState) => void>();
  let nextId = 1;
  let current: MuxState = 'idle';
  let socket: WebSocketLike | undefined;
  let open = false;
  let attempt = 0;
  let lastHeard = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let heartbeatTimer: ReturnType<typeof setInterval> | undefined;

  const setState = (next: MuxState) => {
    if (next === current) return;
    current = next;
    for (const listener of [...listeners]) listener(next);
  };

  const sendRequest = (id: number, entry: Entry) => {
    const message = entry.sub.request(entry.everSent);
    if (!message) {
      entries.delete(id);
      return;
    }
    socket?.send(JSON.stringify(message));
    entry.sent = true;
    entry.everSent = true;
  };

  const received = (data: unknown) => {
    lastHeard = Date.now();
    // Only a socket that talks back resets the backoff: one that opens and drops at once keeps growing it.
    attempt = 0;
    if (typeof data === 'string') {
      const message = parseServerMessage(data);
      if (message && message.op !== 'pong') entries.get(message.id)?.sub.receive(message);
      return;
    }
    const bytes =
      data instanceof ArrayBuffer
        ? new Uint8Array(data)
        : ArrayBuffer.isView(data)
          ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
          : undefined;
    const frame = bytes && decodeExecFrame(bytes);
    if (frame) entries.get(frame.id)?.sub.receiveBytes?.(frame.channel, frame.payload);
  };

  const stopTimers = () => {
    clearInterval(heartbeatTimer);
    clearTimeout(reconnectTimer);
    heartbeatTimer = undefined;
    reconnectTimer = undefined;
  };

  /** The current socket is gone (closed by either side, failed to open, or stopped answering). */
  const dropped = () => {
    const ws = socket;
    socket = undefined;
    open = false;
    stopTimers();
    try {
      ws?.close(4000, 'dropped by the client');
    } catch {
      // already closed
    }
    for (const entry of [...entries.values()]) {
      if (!entry.sent) continue;
      entry.sent = false;
      entry.sub.disconnected();
    }
    if (current === 'closed') return;
    if (entries.size === 0) {
      setState('idle');
      return;
    }
    scheduleReconnect();
  };

  const opened = () => {
    open = true;
    lastHeard = Date.now();
    setState('open');
    heartbeatTimer = setInterval(() => {
      if (Date.now() - lastHeard > heartbeatTimeoutMs) dropped();
      else socket?.send(JSON.stringify({ op: 'ping', t: Date.now() }));
    }, heartbeatMs);
    for (const [id, entry] of [...entries]) if (!entry.sent && entries.has(id)) sendRequest(id, entry);
  };

  /** Waits the next backoff delay, then connects again. */
  function scheduleReconnect() {
    setState('reconnecting');
    reconnectTimer = setTimeout(
      () => {
        reconnectTimer = undefined;
        connect();
      },
      backoffDelay(attempt++, backoff),
    );
  }

  function connect() {
    if (socket || reconnectTimer || current === 'closed') return;
    if (current !== 'reconnecting') setState('connecting');
    let ws: WebSocketLike;
    try {
      ws = new (WebSocketImpl as WebSocketConstructor)(url, muxSubprotocol);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.binaryType = 'arraybuffer';
    // Events of a socket the client already gave up on are ignored.
    ws.addEventListener('open', () => socket === ws && opened());
    ws.addEventListener('message', (event) => socket === ws && received(event.data));
    ws.addEventListener('close', (event) => {
      if (socket !== ws) return;
      // A draining replica (1012): come back at once, before the backoff grows (the load balancer
      // sends the new socket to another replica).
      if (event.code === muxCloseCodes.serviceRestart) attempt = 0;
      dropped();
    });
    ws.addEventListener('error', () => socket === ws && dropped());
  }

  return {
    add(build) {
      const id = nextId++;
      const entry = { sent: false, everSent: false } as Entry;
      const channel: SubscriptionChannel = {
        id,
        send(message) {
          if (open && entry.sent && entries.get(id) === entry) socket?.send(JSON.stringify(message));
        },
        sendBytes(bytes) {
          if (open && entry.sent && entries.get(id) === entry) socket?.send(bytes);
        },
        release(cancel) {
          if (entries.get(id) !== entry) return;
          entries.delete(id);
          if (cancel && open && entry.sent) socket?.send(JSON.stringify({ op: 'cancel', id }));
        },
      };
      const sub = build(channel);
      entry.sub = sub;
      if (current === 'closed') {
        sub.terminated();
        return sub;
      }
      entries.set(id, entry);
      if (open) sendRequest(id, entry);
      else connect();
      return sub;
    },
    state: () => current,
    onStateChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (current === 'closed') return;
      setState('closed');
      stopTimers();
      const ws = socket;
      socket = undefined;
      open = false;
      try {
        ws?.close(1000, 'client closed');
      } catch {
        // already closed
      }
      const all = [...entries.values()];
      entries.clear();
      for (const entry of all) entry.sub.terminated();
    },
  };
}
