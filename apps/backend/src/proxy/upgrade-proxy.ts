import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type Status, StatusError } from '@porthole/protocol';
import { createUpgradeOriginCheck } from '../server/security.ts';
import { localPrincipal, type Principal } from '../session/principal.ts';
import { takeBearerSubprotocol } from './bearer-subprotocol.ts';
import { isClusterPath, parseClusterPath } from './cluster-path.ts';
import type { OpenStreams } from './open-streams.ts';
import { refuseUpgrade, relayRefusal, switchingProtocolsHead } from './upgrade-response.ts';
import { upstreamRequestHeaders } from './upstream-headers.ts';
import { actingAs, requestUpstream, type UpstreamDeps, usableContext } from './upstream-request.ts';

/** What the upgrade proxy needs: see {@link UpstreamDeps}, plus open streams and the Origin allow-list. */
export interface UpgradeProxyDeps extends UpstreamDeps {
  streams: OpenStreams;
  /** Origins besides the backend's own that may open WebSockets (e.g. the public origin behind a proxy). */
  allowedOrigins?: readonly string[] | undefined;
  /** Where unexpected failures go (never a header or token); default `console.error`. */
  log?: ((message: string) => void) | undefined;
}

/**
 * A listener for the Node server's `'upgrade'` event. Returns true when it took the connection (its path
 * is under `/clusters/`), false when another handler (e.g. `/ws`) should. The connection acts as
 * `principal` (default: local mode's, the kubeconfig's credentials).
 */
export type UpgradeHandler = (
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  principal?: Principal,
) => boolean;

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The upstream request headers of an upgrade: the browser's bearer subprotocol becomes Authorization,
 * in local mode only (a person logged in acts with their own identity, nothing the page sends).
 */
function upgradeHeaders(req: IncomingMessage, principal: Principal): Record<string, string> {
  const headers = upstreamRequestHeaders(req.headers, { upgrade: true });
  const { token, protocols } = takeBearerSubprotocol(headerValue(req.headers['sec-websocket-protocol']));
  delete headers['sec-websocket-protocol'];
  if (protocols !== undefined) headers['sec-websocket-protocol'] = protocols;
  // Credential headers set later take precedence: this only serves contexts without a token of their own.
  if (token !== undefined && principal.upstream.kind === 'kubeconfig')
    headers.authorization = `Bearer ${token}`;
  return headers;
}

/** Pipes both ways with backpressure; either side closing closes the other (the client after a flush). */
function joinSockets(client: Duplex, upstream: Duplex): void {
  upstream.on('error', () => upstream.destroy());
  upstream.on('close', () => {
    if (!client.destroyed) client.end();
  });
  client.on('close', () => upstream.destroy());
  upstream.pipe(client);
  client.pipe(upstream);
}

async function proxyUpgrade(
  deps: UpgradeProxyDeps,
  checkOrigin: ReturnType<typeof createUpgradeOriginCheck>,
  req: IncomingMessage,
  client: Duplex,
  clientHead: Buffer,
  principal: Principal,
): Promise<void> {
  const refusal = checkOrigin(req);
  if (refusal) throw refusal;
  const target = parseClusterPath(req.url ?? '/');
  const context = usableContext(deps.contexts, target.name);
  const abort = new AbortController();
  const onClose = () => abort.abort();
  client.once('close', onClose);
  const result = await requestUpstream(actingAs(deps, principal), {
    context,
    target,
    method: req.method ?? 'GET',
    headers: upgradeHeaders(req, principal),
    kind: 'upgrade',
    body: { kind: 'none' },
    signal: abort.signal,
  }).finally(() => client.off('close', onClose));
  if (result.kind === 'response') {
    relayRefusal(client, result.response);
    return;
  }
  const upstream = result.socket;
  if (client.destroyed) {
    upstream.destroy();
    return;
  }
  client.write(switchingProtocolsHead(result.response));
  if (result.head.length > 0) client.write(result.head);
  if (clientHead.length > 0) upstream.write(clientHead);
  deps.streams.trackTunnel(context.name, { client, upstream });
  joinSockets(client, upstream);
}

function statusOf(err: unknown, log: (message: string) => void, req: IncomingMessage): Status {
  if (err instanceof StatusError) return err.status;
  const path = (req.url ?? '').split('?')[0];
  log(`porthole: upgrade ${path} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return StatusError.internal(err).status;
}

/**
 * Creates the `'upgrade'` listener for `/clusters/{name}/...` (exec, attach, port-forward, log streams):
 * checks the Origin (403 unless the backend's own or allowed) and the path (400 on traversal), attaches
 * the context's credentials exactly like the HTTP proxy (a browser's
 * `base64url.bearer.authorization.k8s.io.<token>` subprotocol is removed and sent as
 * `Authorization: Bearer`, the other subprotocols are forwarded), relays the upstream's 101 (with the
 * chosen subprotocol) and then pipes bytes both ways. An upstream refusal is relayed with its status and
 * body; a failure before the upgrade is answered with a Status JSON (404 unknown cluster, 401, 502 ...).
 *
 * @example
 * const onUpgrade = createUpgradeHandler({ contexts, credentials, adapterFor, agents, streams });
 * server.on('upgrade', (req, socket, head) => {
 *   if (!onUpgrade(req, socket, head)) socket.destroy(); // or hand it to the /ws handler
 * });
 */
export function createUpgradeHandler(deps: UpgradeProxyDeps): UpgradeHandler {
  const checkOrigin = createUpgradeOriginCheck(deps.allowedOrigins);
  const log = deps.log ?? console.error;
  return (req, socket, head, principal = localPrincipal) => {
    if (!isClusterPath(req.url ?? '')) return false;
    socket.on('error', () => socket.destroy());
    proxyUpgrade(deps, checkOrigin, req, socket, head, principal).catch((err: unknown) => {
      refuseUpgrade(socket, statusOf(err, log, req));
    });
    return true;
  };
}
