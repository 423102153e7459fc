import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { muxSubprotocol, StatusError } from '@porthole/protocol';
import { Hono } from 'hono';
import { type WebSocket, WebSocketServer } from 'ws';
import type { ClusterRegistry, HealthMonitor } from '../clusters/index.ts';
import type { ResolvedContext } from '../clusters/resolved-context.ts';
import { refuseUpgrade } from '../proxy/upgrade-response.ts';
import { actingAs } from '../proxy/upstream-request.ts';
import { createUpgradeOriginCheck } from '../server/security.ts';
import { localPrincipal, type Principal } from '../session/principal.ts';
import { heartbeatVerdict } from './heartbeat.ts';
import { createJsonText } from './json-text.ts';
import { createMuxMetrics, type MuxMetrics, noSubscriptions, type SubscriptionKind } from './metrics.ts';
import { createMuxSession, defaultMuxLimits, type MuxLimits, type MuxSession } from './session.ts';
import { createWatchHub, type WatchHub, type WatchHubOptions } from './watch-hub.ts';
import type { WatchTransport } from './watch-request.ts';

/** Options of {@link createMuxServer}. */
export interface MuxServerOptions {
  contexts: { get(name: string): ResolvedContext | undefined };
  clusters: Pick<ClusterRegistry, 'list' | 'files' | 'subscribe'>;
  /** Contexts' health for `health` subscriptions; without it they are refused (501). */
  health?: Pick<HealthMonitor, 'list' | 'subscribe'> | undefined;
  /** Login modes: each socket's health subscription follows its principal's monitor (else `health`). */
  healthFor?: ((principal: Principal) => Pick<HealthMonitor, 'list' | 'subscribe'>) | undefined;
  /** How requests reach clusters: the proxy's credentials, adapters and agents. */
  transport: Omit<WatchTransport, 'context'>;
  /** Origins besides the backend's own that may open the socket. */
  allowedOrigins?: readonly string[] | undefined;
  limits?: Partial<MuxLimits> | undefined;
  /** Largest frame (binary stdin included); a bigger one closes the socket with 1009; default 4 MiB. */
  maxPayloadBytes?: number | undefined;
  /** Interval of WebSocket pings; a socket that missed the previous one is closed; default 30 s. */
  heartbeatMs?: number | undefined;
  /** Upstream watch tuning (tests). */
  hub?: Partial<Pick<WatchHubOptions, 'lingerMs' | 'historyBatches'>> &
    Partial<Pick<WatchHubOptions['upstream'], 'backoff' | 'pageSize' | 'watchTimeoutSeconds'>>;
}

/** The multiplexer: `GET /ws` upgrades, its metrics, and what the rest of the backend tells it. */
export interface MuxServer {
  /**
   * Call from the Node server's `'upgrade'` event; false when the path is not `/ws`. Every stream of
   * the socket acts as `principal` (default local mode's: the kubeconfig's credentials).
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, principal?: Principal): boolean;
  /** `GET /metrics`: mount with `app.route('/metrics', mux.metricsRoutes)`. */
  metricsRoutes: Hono;
  metrics: MuxMetrics;
  /** Ends every subscription on a removed context with `error` and `message`. */
  closeContext(name: string, message: string): void;
  /** Closes every socket (1001) and upstream watch. */
  close(): void;
}

function pathOf(url: string | undefined): string {
  const q = (url ?? '/').indexOf('?');
  return q < 0 ? (url ?? '/') : (url ?? '/').slice(0, q);
}

function offeredProtocols(req: IncomingMessage): string[] {
  return (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
}

/**
 * Builds the multiplexer (shared/design/multiplexer.md) on `ws`: one session per socket, one shared
 * upstream watch per key for the whole backend, pings to find dead sockets, Prometheus metrics.
 *
 * @example
 * const mux = createMuxServer({ contexts: registry, clusters: registry, transport: { credentials, adapterFor, agents } });
 * server.on('upgrade', (req, socket, head) => mux.handleUpgrade(req, socket, head) || proxy.handleUpgrade(req, socket, head));
 */
export function createMuxServer(options: MuxServerOptions): MuxServer {
  const limits: MuxLimits = { ...defaultMuxLimits, ...options.limits };
  const checkOrigin = createUpgradeOriginCheck(options.allowedOrigins);
  const sessions = new Map<WebSocket, MuxSession>();
  const alive = new WeakSet<WebSocket>();
  const { lingerMs, historyBatches, ...upstreamTuning } = options.hub ?? {};
  // The gauges read the sessions and the hub only when scraped, so the hub can come second.
  const metrics = createMuxMetrics({
    sockets: () => sessions.size,
    subscriptions() {
      const total = noSubscriptions();
      for (const session of sessions.values()) {
        for (const [kind, count] of Object.entries(session.counts()))
          total[kind as SubscriptionKind] += count;
      }
      return total;
    },
    upstreamWatches: () => hub.size(),
    bufferedBytes: () => [...sessions.values()].reduce((sum, s) => sum + s.bufferedBytes(), 0),
  });
  const hub: WatchHub = createWatchHub({
    upstream: { ...options.transport, ...upstreamTuning },
    ...(lingerMs !== undefined ? { lingerMs } : {}),
    ...(historyBatches !== undefined ? { historyBatches } : {}),
    onEventsIn: (count) => metrics.eventsIn(count),
  });
  const json = createJsonText();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayloadBytes ?? 4 * 1024 * 1024,
    handleProtocols: () => muxSubprotocol,
    perMessageDeflate: false,
  });

  function accept(ws: WebSocket, principal: Principal): void {
    const session = createMuxSession(ws, {
      contexts: options.contexts,
      clusters: options.clusters,
      health:
        principal.upstream.kind !== 'kubeconfig' && options.healthFor
          ? options.healthFor(principal)
          : options.health,
      hub,
      transport: actingAs(options.transport, principal),
      principalId: principal.id,
      json,
      limits,
      onEventsOut: (count) => metrics.eventsOut(count),
      onResync: () => metrics.resync(),
    });
    sessions.set(ws, session);
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    ws.on('message', (data, isBinary) => {
      alive.add(ws);
      session.receive(Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]), isBinary);
    });
    ws.on('close', () => {
      sessions.delete(ws);
      session.dispose();
    });
    ws.on('error', () => ws.terminate());
  }

  // A socket that answered neither the last ping nor sent anything since is gone (see heartbeatVerdict
  // for one the server paused itself): close it and release everything it held.
  const silence = new WeakMap<WebSocket, number>();
  const heartbeat = setInterval(() => {
    for (const ws of sessions.keys()) {
      const verdict = heartbeatVerdict({
        answered: alive.has(ws),
        paused: ws.isPaused,
        silentIntervals: silence.get(ws) ?? 0,
        pausedIntervals: 4,
      });
      if (verdict.terminate) {
        ws.terminate();
        continue;
      }
      silence.set(ws, verdict.silentIntervals);
      alive.delete(ws);
      ws.ping();
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  const metricsRoutes = new Hono();
  metricsRoutes.get('/', async (c) =>
    c.body(await metrics.text(), 200, { 'content-type': metrics.contentType }),
  );

  return {
    handleUpgrade(req, socket, head, principal = localPrincipal) {
      if (pathOf(req.url) !== '/ws') return false;
      const refusal =
        checkOrigin(req) ??
        (offeredProtocols(req).includes(muxSubprotocol)
          ? undefined
          : StatusError.badRequest(`the multiplexer speaks the WebSocket subprotocol ${muxSubprotocol}`));
      if (refusal) {
        refuseUpgrade(socket, refusal.status);
        return true;
      }
      // Fail before the handshake, not on the socket's first request, when nobody can serve the person.
      try {
        actingAs(options.transport, principal);
      } catch (err) {
        refuseUpgrade(socket, (err as StatusError).status);
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, principal));
      return true;
    },
    metricsRoutes,
    metrics,
    closeContext(name, message) {
      for (const session of sessions.values()) session.closeContext(name, message);
      hub.closeContext(name, message);
    },
    close() {
      clearInterval(heartbeat);
      for (const ws of sessions.keys()) ws.close(1001, 'the server is shutting down');
      hub.close();
    },
  };
}
