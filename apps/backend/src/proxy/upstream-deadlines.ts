import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { ClusterPath } from './cluster-path.ts';

/**
 * How long each stage of an upstream call may take, in milliseconds. Long-lived streams (watches, log
 * follows, exec and other upgrades) get the first three only: once answered they run as long as they
 * are open, however quiet.
 */
export interface UpstreamDeadlines {
  /** TCP connection to the API server (or its proxy-url). */
  connectMs: number;
  /** TLS handshake after connecting (client-go's `TLSHandshakeTimeout` is 10 s). */
  tlsHandshakeMs: number;
  /** From the request sent to the response headers (or the 101 of an upgrade). */
  responseMs: number;
  /** Ordinary responses only: the longest silence inside a body that has started. */
  idleMs: number;
  /** Ordinary responses only: the longest a whole body may take (a server trickling bytes still ends). */
  bodyMs: number;
}

/**
 * The defaults, as documented in the backend's README and `porthole serve --help`.
 *
 * @example
 * createClusterProxy({ ..., deadlines: { ...defaultUpstreamDeadlines, responseMs: 5_000 } });
 */
export const defaultUpstreamDeadlines: UpstreamDeadlines = {
  connectMs: 15_000,
  tlsHandshakeMs: 10_000,
  responseMs: 30_000,
  idleMs: 30_000,
  bodyMs: 300_000,
};

/** Idle time before TCP keep-alive probes start on an upstream socket. */
const keepAliveDelayMs = 30_000;

/** The stage of an upstream call a deadline guards, as a 504 Status names it. */
export type DeadlineStage = 'connect' | 'TLS handshake' | 'response' | 'body idle' | 'body';

/** A deadline that fired: which stage, after how long. Turned into a 504 Status by upstream-error.ts. */
export class UpstreamDeadlineError extends Error {
  readonly code = 'PORTHOLE_UPSTREAM_DEADLINE';
  readonly stage: DeadlineStage;
  /** How long it waited. */
  readonly ms: number;
  constructor(stage: DeadlineStage, ms: number) {
    super(`${describeStage(stage)} after ${formatSeconds(ms)}`);
    this.name = 'UpstreamDeadlineError';
    this.stage = stage;
    this.ms = ms;
  }
}

/** `10 s`, `0.2 s`. */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : Number(seconds.toFixed(1))} s`;
}

function describeStage(stage: DeadlineStage): string {
  switch (stage) {
    case 'connect':
      return 'no connection (connect)';
    case 'TLS handshake':
      return 'no TLS handshake';
    case 'response':
      return 'no response';
    case 'body idle':
      return 'the response stopped flowing: no data';
    case 'body':
      return 'the response did not finish';
  }
}

/**
 * True for a request whose response is meant to stay open: a watch (`watch=1|true`, or the old
 * `/watch/` paths) or a log follow (`follow=1|true`). Such bodies may be quiet for minutes.
 *
 * @example
 * isLongLivedRequest({ name: 'prod', path: '/api/v1/pods', search: '?watch=1' }); // true
 */
export function isLongLivedRequest(target: Pick<ClusterPath, 'path' | 'search'>): boolean {
  const query = new URLSearchParams(target.search);
  const flag = (name: string) => ['1', 'true'].includes(query.get(name) ?? '');
  return flag('watch') || flag('follow') || /\/watch(\/|$)/.test(target.path);
}

/**
 * Arms the connect, TLS handshake and response deadlines of one request: a deadline that fires destroys
 * the request (and its socket, which the agent then forgets) with an {@link UpstreamDeadlineError}.
 * Every timer is cleared once the response (or upgrade) arrives or the request closes.
 */
export function armRequestDeadlines(req: ClientRequest, deadlines: UpstreamDeadlines): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let settled = false;
  const arm = (stage: DeadlineStage, ms: number) => {
    clearTimeout(timer);
    if (settled) return;
    timer = setTimeout(() => req.destroy(new UpstreamDeadlineError(stage, ms)), ms);
  };
  const settle = () => {
    settled = true;
    clearTimeout(timer);
  };
  let sent = false;
  let ready = false;
  const awaitResponse = () => {
    if (sent && ready) arm('response', deadlines.responseMs);
  };
  req.once('finish', () => {
    sent = true;
    awaitResponse();
  });
  req.once('socket', (socket: Socket) => {
    // Under a quiet watch or follow only TCP keep-alive notices a peer that vanished.
    socket.setKeepAlive(true, keepAliveDelayMs);
    const secure = 'encrypted' in socket;
    const connected = () => {
      ready = true;
      awaitResponse();
    };
    if (!socket.connecting) {
      // A kept-alive socket: connected (and its TLS done) long ago.
      connected();
      return;
    }
    arm('connect', deadlines.connectMs);
    socket.once('connect', () => {
      if (!secure) connected();
      else arm('TLS handshake', deadlines.tlsHandshakeMs);
    });
    if (secure) socket.once('secureConnect', connected);
  });
  req.once('response', settle);
  req.once('upgrade', settle);
  req.once('close', settle);
}

/**
 * Arms the deadlines of an ordinary response body: the longest silence and the longest whole body. One
 * that fires destroys the response with `failure(error)` (the proxy then cuts its client, a reader's
 * iteration throws). Cleared when the body ends or closes.
 */
export function armBodyDeadlines(
  response: IncomingMessage,
  deadlines: UpstreamDeadlines,
  failure: (error: UpstreamDeadlineError) => Error,
): void {
  const { socket } = response;
  const fire = (stage: DeadlineStage, ms: number) => {
    if (!response.complete) response.destroy(failure(new UpstreamDeadlineError(stage, ms)));
  };
  // The socket's own inactivity timer: no need to observe (and so start) the body's data flow. A body
  // paused by its reader (a slow client downstream) is not the cluster's silence; its total still counts.
  const onIdle = () => {
    if (response.readableFlowing !== false) fire('body idle', deadlines.idleMs);
  };
  socket.setTimeout(deadlines.idleMs);
  socket.on('timeout', onIdle);
  const total = setTimeout(() => fire('body', deadlines.bodyMs), deadlines.bodyMs);
  let cleared = false;
  const clear = () => {
    if (cleared) return;
    cleared = true;
    clearTimeout(total);
    socket.off('timeout', onIdle);
    socket.setTimeout(0);
  };
  response.once('end', clear);
  response.once('close', clear);
}
