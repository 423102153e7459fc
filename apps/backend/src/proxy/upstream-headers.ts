import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** Hop-by-hop headers (RFC 9110 §7.6.1, plus the legacy `Proxy-Connection`): never forwarded. */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * What the browser may not pass on: its cookies, identity and page (User-Agent, Origin, Referer — Rancher
 * refuses browser User-Agents with a foreign Origin), its own Authorization (credentials come from the
 * server only), our CSRF marker, and `Host` (set for the upstream).
 */
const browserOnly = new Set([
  'cookie',
  'user-agent',
  'origin',
  'referer',
  'authorization',
  'x-porthole-request',
  'x-porthole-overwrite',
  'host',
]);

/**
 * What an upstream may not pass to the browser: cookies (they would land on Porthole's origin, shared by
 * every cluster) and `WWW-Authenticate` (it makes browsers pop up a password dialog).
 */
const upstreamOnly = new Set(['set-cookie', 'www-authenticate']);

/** The header names the `Connection` header lists: hop-by-hop for this message only. */
function connectionTokens(headers: IncomingHttpHeaders): Set<string> {
  const value = headers.connection;
  const tokens = new Set<string>();
  for (const token of String(value ?? '').split(',')) {
    const name = token.trim().toLowerCase();
    if (name) tokens.add(name);
  }
  return tokens;
}

/**
 * The client's request headers as they may go upstream (lower-case names, values joined): without the
 * browser's Cookie, User-Agent, Origin, Referer, Authorization, `X-Porthole-Request`, Host, any
 * `Impersonate-*` and hop-by-hop headers. With `upgrade`, `Connection: Upgrade` and the client's `Upgrade` value are kept.
 *
 * @example
 * upstreamRequestHeaders({ cookie: 'a=b', accept: 'application/json' }, { upgrade: false });
 * // { accept: 'application/json' }
 */
export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  options: { upgrade: boolean },
): Record<string, string> {
  const listed = connectionTokens(incoming);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || hopByHop.has(name) || listed.has(name) || browserOnly.has(name)) continue;
    // Who a request acts as is decided server-side (the kubeconfig's `as`, proxy mode's user), never by the client.
    if (name.startsWith('impersonate-')) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  // A chunked body without a length stays chunked (Node would not chunk e.g. a DELETE on its own).
  const chunked = /(^|,)\s*chunked\s*$/i.test(String(incoming['transfer-encoding'] ?? ''));
  if (chunked && incoming['content-length'] === undefined) out['transfer-encoding'] = 'chunked';
  if (options.upgrade && incoming.upgrade) {
    out.connection = 'Upgrade';
    out.upgrade = incoming.upgrade;
  }
  return out;
}

/**
 * The upstream's response headers as they may go to the client: without hop-by-hop headers (those the
 * upstream's `Connection` lists too), Set-Cookie and WWW-Authenticate.
 *
 * @example
 * res.writeHead(upstream.statusCode ?? 502, downstreamResponseHeaders(upstream.headers));
 */
export function downstreamResponseHeaders(incoming: IncomingHttpHeaders): OutgoingHttpHeaders {
  const listed = connectionTokens(incoming);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || hopByHop.has(name) || listed.has(name) || upstreamOnly.has(name)) continue;
    out[name] = value;
  }
  return out;
}

/**
 * Like {@link downstreamResponseHeaders} for a raw header list (`rawHeaders`: name, value, name, ...),
 * keeping the upstream's spelling; for responses written to a socket by hand (upgrades).
 */
export function downstreamRawHeaders(rawHeaders: readonly string[]): [string, string][] {
  const listed = new Set<string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() !== 'connection') continue;
    for (const token of (rawHeaders[i + 1] ?? '').split(',')) listed.add(token.trim().toLowerCase());
  }
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] ?? '';
    const lower = name.toLowerCase();
    if (hopByHop.has(lower) || listed.has(lower) || upstreamOnly.has(lower)) continue;
    out.push([name, rawHeaders[i + 1] ?? '']);
  }
  return out;
}
