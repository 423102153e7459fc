import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { StatusError } from '@porthole/protocol';
import { type Context, Hono } from 'hono';
import { createSecurityMiddleware, rawRequestTarget } from '../server/security.ts';
import { localPrincipal, type Principal } from '../session/principal.ts';
import type { ClusterPath } from './cluster-path.ts';
import { parseClusterPath } from './cluster-path.ts';
import type { OpenStreams, ResponseEnding } from './open-streams.ts';
import { downstreamResponseHeaders, upstreamRequestHeaders } from './upstream-headers.ts';
import {
  actingAs,
  requestUpstream,
  type UpstreamBody,
  type UpstreamDeps,
  usableContext,
} from './upstream-request.ts';
import { requireResourceVersion } from './write-precondition.ts';

/** What the HTTP proxy needs: see {@link UpstreamDeps}, plus the registry of open streams. */
export interface HttpProxyDeps extends UpstreamDeps {
  streams: OpenStreams;
}

/** Bodies up to this size are held in memory so a request can be retried after a 401. */
export const maxReplayableBodyBytes = 1024 * 1024;

const bodyless = new Set(['GET', 'HEAD', 'OPTIONS']);
const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);

/**
 * The proxy's Hono environment: @hono/node-server's bindings when it runs there (absent in
 * `app.request()`), and the request's principal, set by the app's authentication (local mode's when
 * unset).
 */
export type ProxyEnv = { Bindings: Partial<HttpBindings>; Variables: { principal?: Principal } };

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** None, buffered (≤ 1 MiB with a Content-Length, so replayable) or streamed through once. */
async function bodyOf(
  method: string,
  headers: IncomingHttpHeaders,
  stream: () => Readable,
): Promise<UpstreamBody> {
  const length = headers['content-length'];
  const chunked = headers['transfer-encoding'] !== undefined;
  if (bodyless.has(method) || (!chunked && (length === undefined || length === '0'))) return { kind: 'none' };
  if (!chunked && Number(length) <= maxReplayableBodyBytes)
    return { kind: 'buffer', data: await readAll(stream()) };
  return { kind: 'stream', stream: stream() };
}

/** How the response ends if its context is removed: JSON watches get an ERROR event, follows just end. */
function endingOf(target: ClusterPath, response: IncomingMessage): ResponseEnding {
  const status = response.statusCode ?? 0;
  if (status < 200 || status >= 300) return 'plain';
  const query = new URLSearchParams(target.search);
  const flag = (name: string) => ['1', 'true'].includes(query.get(name) ?? '');
  const watch = flag('watch') || /\/watch(\/|$)/.test(target.path);
  const json = /^application\/json\b/i.test(response.headers['content-type'] ?? '');
  const encoded = ![undefined, 'identity'].includes(response.headers['content-encoding']);
  if (watch && json && !encoded) return 'watch';
  return watch || flag('follow') ? 'stream' : 'plain';
}

/** Headers of a web Request as Node's IncomingHttpHeaders; a body of unknown length counts as chunked. */
function nodeHeadersOf(request: Request): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  request.headers.forEach((value, name) => {
    out[name] = value;
  });
  if (request.body && out['content-length'] === undefined) out['transfer-encoding'] = 'chunked';
  return out;
}

async function proxyThroughNode(
  deps: HttpProxyDeps,
  target: ClusterPath,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
): Promise<Response> {
  const context = usableContext(deps.contexts, target.name);
  const method = incoming.method ?? 'GET';
  const abort = new AbortController();
  const onClose = () => abort.abort();
  outgoing.once('close', onClose);
  const body = await requireResourceVersion(
    method,
    incoming.headers,
    await bodyOf(method, incoming.headers, () => incoming),
  );
  const result = await requestUpstream(deps, {
    context,
    target,
    method,
    headers: upstreamRequestHeaders(incoming.headers, { upgrade: false }),
    kind: 'http',
    body,
    signal: abort.signal,
  }).finally(() => outgoing.off('close', onClose));
  if (result.kind === 'upgrade') {
    result.socket.destroy();
    throw StatusError.badRequest('the cluster switched protocols on a plain HTTP request');
  }
  const { response } = result;
  if (outgoing.destroyed) {
    response.destroy();
    return RESPONSE_ALREADY_SENT;
  }
  outgoing.writeHead(response.statusCode ?? 502, downstreamResponseHeaders(response.headers));
  // A watch may stay quiet for minutes: the client should see the status and headers right away.
  if (response.headers['content-length'] === undefined) outgoing.flushHeaders();
  deps.streams.trackResponse(context.name, {
    source: response,
    sink: outgoing,
    ending: endingOf(target, response),
  });
  response.on('error', () => outgoing.destroy());
  outgoing.on('close', () => {
    if (!response.complete) response.destroy();
  });
  response.pipe(outgoing);
  return RESPONSE_ALREADY_SENT;
}

/** The same through web streams, for runtimes without Node bindings (e.g. `app.request()` in tests). */
async function proxyThroughWeb(deps: HttpProxyDeps, target: ClusterPath, c: Context): Promise<Response> {
  const context = usableContext(deps.contexts, target.name);
  const headers = nodeHeadersOf(c.req.raw);
  const webBody = c.req.raw.body;
  const body = await requireResourceVersion(
    c.req.method,
    headers,
    await bodyOf(c.req.method, headers, () =>
      webBody ? Readable.fromWeb(webBody as NodeReadableStream) : Readable.from([]),
    ),
  );
  const result = await requestUpstream(deps, {
    context,
    target,
    method: c.req.method,
    headers: upstreamRequestHeaders(headers, { upgrade: false }),
    kind: 'http',
    body,
    signal: c.req.raw.signal,
  });
  if (result.kind === 'upgrade') {
    result.socket.destroy();
    throw StatusError.badRequest('the cluster switched protocols on a plain HTTP request');
  }
  const { response } = result;
  const status = response.statusCode ?? 502;
  const sink = new PassThrough();
  deps.streams.trackResponse(context.name, { source: response, sink, ending: endingOf(target, response) });
  response.on('error', (err) => sink.destroy(err));
  response.pipe(sink);
  const responseHeaders = new Headers();
  for (const [name, value] of Object.entries(downstreamResponseHeaders(response.headers))) {
    for (const v of Array.isArray(value) ? value : [value])
      if (v !== undefined) responseHeaders.append(name, String(v));
  }
  const stream = nullBodyStatuses.has(status) ? null : (Readable.toWeb(sink) as ReadableStream<Uint8Array>);
  if (!stream) sink.resume();
  return new Response(stream, { status, headers: responseHeaders });
}

/**
 * The `/clusters` sub-app: every method on `/clusters/{name}/{Kubernetes API path}` is proxied to that
 * context's API server (keeping the server URL's path prefix) with the context's credentials attached
 * server-side, request and response bodies streamed (watches and log follows arrive as they happen).
 * It applies {@link createSecurityMiddleware} itself (path traversal 400, CSRF 403). Errors are thrown as
 * StatusErrors (404 unknown cluster, 400 unusable context, 401 from the credential provider, 502
 * unreachable) for the app's `onError`; the upstream's own statuses and bodies pass through unchanged.
 * Under @hono/node-server it pipes the raw Node streams (no web-stream conversion on the hot path).
 *
 * @example
 * app.route('/clusters', createProxyRoutes({ contexts: registry, credentials, adapterFor, agents, streams }));
 */
export function createProxyRoutes(deps: HttpProxyDeps): Hono<ProxyEnv> {
  const routes = new Hono<ProxyEnv>();
  routes.use('*', createSecurityMiddleware());
  routes.all('*', (c) => {
    const target = parseClusterPath(rawRequestTarget(c));
    // Handshakes belong to the upgrade handler (createUpgradeHandler); never send one upstream as plain GET.
    if (c.req.header('upgrade') !== undefined) {
      throw StatusError.badRequest(
        'WebSocket upgrades under /clusters/ are served by the upgrade handler, which is not installed',
      );
    }
    const { incoming, outgoing } = c.env ?? {};
    const acting = actingAs(deps, c.get('principal') ?? localPrincipal);
    if (incoming && outgoing) return proxyThroughNode(acting, target, incoming, outgoing);
    return proxyThroughWeb(acting, target, c);
  });
  return routes;
}
