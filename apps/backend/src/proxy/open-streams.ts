import type { Duplex, Readable, Writable } from 'node:stream';
import type { Status } from '@porthole/protocol';
import { contextRemovedCloseCode, encodeCloseFrame } from './websocket-close-frame.ts';

/**
 * How a proxied response ends when its context is closed: `watch` (a JSON watch) gets a final
 * `{"type":"ERROR"}` event then ends, `stream` (log follow, other watches) just ends, `plain` (a list
 * cut short) is destroyed so the client sees a failure rather than a truncated body.
 */
export type ResponseEnding = 'watch' | 'stream' | 'plain';

/** A proxied HTTP response in flight: the upstream body piped into what the client reads. */
export interface TrackedResponse {
  source: Readable;
  sink: Writable;
  ending: ResponseEnding;
}

/** An upgraded connection: the client's socket piped both ways with the upstream's. */
export interface TrackedTunnel {
  client: Duplex;
  upstream: Duplex;
}

/**
 * Every open proxied stream per context name, so that removing a context ends them (issue: a removed
 * context's watches, logs and exec sessions must end, saying why).
 */
export interface OpenStreams {
  /** Tracks a response until its sink closes. */
  trackResponse(context: string, response: TrackedResponse): void;
  /** Tracks a tunnel until its client socket closes. */
  trackTunnel(context: string, tunnel: TrackedTunnel): void;
  /**
   * Ends every open stream of `context`: a JSON watch with a final ERROR event carrying a 410 Status
   * (reason `ContextRemoved`, `message`), other streams by ending them, tunnels with a WebSocket close
   * frame (code 4001, `message` cut to 123 bytes). Returns how many were ended.
   */
  closeContext(context: string, message: string): number;
  /** How many streams are open (for one context, or in all). */
  count(context?: string): number;
}

/** The last line of a watch whose context was removed. */
export function contextRemovedEvent(message: string): string {
  const status: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    code: 410,
    reason: 'ContextRemoved',
    message,
  };
  return `${JSON.stringify({ type: 'ERROR', object: status })}\n`;
}

/** How long a closed tunnel's client gets to answer the close frame before its socket is destroyed. */
const closeGraceMs = 1_000;

interface Entry {
  close(message: string): void;
}

function responseEntry({ source, sink, ending }: TrackedResponse): Entry {
  let lastByte: number | undefined;
  if (ending === 'watch') {
    source.on('data', (chunk: Buffer) => {
      if (chunk.length > 0) lastByte = chunk[chunk.length - 1];
    });
  }
  return {
    close(message) {
      source.unpipe(sink);
      source.destroy();
      if (ending === 'plain') {
        sink.destroy();
        return;
      }
      // An event cut mid-line must not swallow the ERROR event: start it on a line of its own.
      if (ending === 'watch' && lastByte !== undefined && lastByte !== 0x0a) sink.write('\n');
      sink.end(ending === 'watch' ? contextRemovedEvent(message) : undefined);
    },
  };
}

function tunnelEntry({ client, upstream }: TrackedTunnel): Entry {
  return {
    close(message) {
      upstream.unpipe(client);
      client.unpipe(upstream);
      upstream.destroy();
      client.end(encodeCloseFrame(contextRemovedCloseCode, message));
      setTimeout(() => client.destroy(), closeGraceMs).unref();
    },
  };
}

/**
 * Creates the registry of open proxied streams shared by the HTTP and the upgrade proxy.
 *
 * @example
 * const streams = createOpenStreams();
 * registry.subscribe(({ removed }) => {
 *   for (const name of removed) streams.closeContext(name, `context "${name}" was removed from the kubeconfig`);
 * });
 */
export function createOpenStreams(): OpenStreams {
  const byContext = new Map<string, Set<Entry>>();

  const add = (context: string, entry: Entry, closed: Duplex | Writable) => {
    if (closed.destroyed) return;
    let entries = byContext.get(context);
    if (!entries) {
      entries = new Set();
      byContext.set(context, entries);
    }
    entries.add(entry);
    closed.once('close', () => {
      entries.delete(entry);
      if (entries.size === 0 && byContext.get(context) === entries) byContext.delete(context);
    });
  };

  return {
    trackResponse(context, response) {
      add(context, responseEntry(response), response.sink);
    },
    trackTunnel(context, tunnel) {
      add(context, tunnelEntry(tunnel), tunnel.client);
    },
    closeContext(context, message) {
      const entries = byContext.get(context);
      if (!entries) return 0;
      byContext.delete(context);
      const ended = entries.size;
      for (const entry of [...entries]) entry.close(message);
      return ended;
    },
    count(context) {
      if (context !== undefined) return byContext.get(context)?.size ?? 0;
      let total = 0;
      for (const entries of byContext.values()) total += entries.size;
      return total;
    },
  };
}
