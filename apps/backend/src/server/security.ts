import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { StatusError } from '@porthole/protocol';
import type { Context, MiddlewareHandler } from 'hono';

const mutatingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `Sec-Fetch-Site` values a browser sends only for the page's own requests or a typed-in URL. */
const trustedFetchSites = new Set(['same-origin', 'none']);

/** The header a non-browser client (or the SDK) sends to show it is not a cross-site form or fetch. */
export const csrfHeader = 'X-Porthole-Request';

/** Default path prefixes whose mutating requests need the CSRF check. */
export const csrfGuardedPaths: readonly string[] = ['/clusters/', '/api/'];

/**
 * The request target exactly as the client sent it (path and query). @hono/node-server resolves `.`
 * and `..` (also `%2e%2e`) before Hono routes the request, so a traversal is only visible here; without
 * the node bindings (`app.request()` in tests) the already-normalised URL is all there is.
 */
export function rawRequestTarget(c: Context): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming?.url !== undefined) return incoming.url;
  const url = new URL(c.req.url);
  return `${url.pathname}${url.search}`;
}

function pathOf(target: string): string {
  const q = target.indexOf('?');
  return q < 0 ? target : target.slice(0, q);
}

/**
 * Why a request target may not be served, or `undefined` when it is fine. Every target is refused when
 * one of its path segments is `.` or `..` (also percent-encoded), contains a backslash, or is not valid
 * percent-encoding. Under `/clusters/{name}/` the rest of the path may also not hide a `/` as `%2F`,
 * since the upstream would decode it into a new segment. (The cluster name itself may contain `%2F`:
 * EKS context names are ARNs such as `arn:aws:eks:...:cluster/prod`.)
 *
 * @example
 * findPathProblem('/clusters/a/api/v1/pods'); // undefined
 * findPathProblem('/clusters/a/%2e%2e/b/api'); // 'it contains a "." or ".." segment'
 */
export function findPathProblem(target: string): string | undefined {
  if (!target.startsWith('/')) return 'it is not an absolute path';
  const segments = pathOf(target).split('/');
  const inCluster = segments[1] === 'clusters';
  for (const [index, raw] of segments.entries()) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return 'it is not valid percent-encoding';
    }
    if (segment === '.' || segment === '..') return 'it contains a "." or ".." segment';
    if (segment.includes('\\')) return 'it contains a backslash';
    if (inCluster && index > 2 && segment.includes('/')) return 'it contains an encoded "/" (%2F)';
  }
  return undefined;
}

/**
 * Throws a 400 Status when {@link findPathProblem} finds a problem with `target`.
 *
 * @example
 * requireSafePath(req.url ?? '/');
 */
export function requireSafePath(target: string): void {
  const problem = findPathProblem(target);
  if (problem) {
    throw StatusError.badRequest(`the request path ${JSON.stringify(pathOf(target))} is refused: ${problem}`);
  }
}

/**
 * True when a mutating request may be served: the browser says it comes from the page itself
 * (`Sec-Fetch-Site: same-origin`, or `none` for a user-initiated request), or the client sent the
 * {@link csrfHeader} header, which a cross-site page can only send after a CORS preflight Porthole never
 * grants.
 */
export function isCsrfSafe(headers: {
  secFetchSite?: string | undefined;
  csrfHeader?: string | undefined;
}): boolean {
  if (headers.csrfHeader !== undefined) return true;
  return headers.secFetchSite !== undefined && trustedFetchSites.has(headers.secFetchSite.toLowerCase());
}

/** Options of {@link createSecurityMiddleware}. */
export interface SecurityMiddlewareOptions {
  /** Path prefixes whose POST/PUT/PATCH/DELETE need the CSRF check; default {@link csrfGuardedPaths}. */
  csrfPaths?: readonly string[];
}

/**
 * Hono middleware: refuses (400) request paths that try to leave their folder (see
 * {@link findPathProblem}), and refuses (403) POST, PUT, PATCH and DELETE under `/clusters/` and
 * `/api/` that carry neither a same-origin `Sec-Fetch-Site` nor the `X-Porthole-Request` header. Mount it
 * before every route; it never reads the body and logs nothing.
 *
 * @example
 * app.use('*', createSecurityMiddleware());
 */
export function createSecurityMiddleware(options: SecurityMiddlewareOptions = {}): MiddlewareHandler {
  const guarded = options.csrfPaths ?? csrfGuardedPaths;
  return async (c, next) => {
    const target = rawRequestTarget(c);
    requireSafePath(target);
    if (mutatingMethods.has(c.req.method)) {
      const path = pathOf(target);
      const isGuarded = guarded.some((p) => path.startsWith(p) || c.req.path.startsWith(p));
      const safe = isCsrfSafe({
        secFetchSite: c.req.header('sec-fetch-site'),
        csrfHeader: c.req.header(csrfHeader),
      });
      if (isGuarded && !safe) {
        throw StatusError.forbidden(
          undefined,
          undefined,
          `${c.req.method} requests must come from the Porthole page (Sec-Fetch-Site: same-origin) ` +
            `or carry the header "${csrfHeader}: 1"`,
        );
      }
    }
    await next();
  };
}

function originOf(value: string): string | undefined {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * Builds the Origin check for WebSocket upgrades (`/clusters/...`, `/ws`): an upgrade is allowed when its
 * `Origin` is the backend's own origin (the scheme of the connection, the request's `Host`) or one of
 * `allowedOrigins` (list the public origin here when a TLS-terminating proxy sits in front). An upgrade
 * without `Origin` is allowed: browsers always send one on WebSocket handshakes, and cross-site request
 * forgery is a browser threat, so a missing Origin means a non-browser client (kubectl-style tools) that
 * holds no ambient browser credentials. Returns the 403 to send, or `undefined` to proceed.
 *
 * @example
 * const checkOrigin = createUpgradeOriginCheck(['https://porthole.example.com']);
 * const refusal = checkOrigin(req); // StatusError 403 or undefined
 */
export function createUpgradeOriginCheck(
  allowedOrigins: readonly string[] = [],
): (req: IncomingMessage) => StatusError | undefined {
  const allowed = new Set<string>();
  for (const entry of allowedOrigins) {
    const origin = originOf(entry);
    if (!origin) throw new Error(`allowed origin ${JSON.stringify(entry)} is not a valid origin URL`);
    allowed.add(origin);
  }
  return (req) => {
    const header = req.headers.origin;
    if (header === undefined) return undefined;
    const origin = originOf(header);
    const scheme = (req.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http';
    const own = req.headers.host ? originOf(`${scheme}://${req.headers.host}`) : undefined;
    if (origin && (origin === own || allowed.has(origin))) return undefined;
    return StatusError.forbidden(
      undefined,
      undefined,
      `WebSocket connections from origin ${JSON.stringify(header)} are not allowed; ` +
        'only the Porthole page itself and the configured allowed origins may open them',
    );
  };
}
