import type { Hono } from 'hono';
import type { AuthConfig } from '../cli/auth-flags.ts';
import type { Principal } from './principal.ts';
import type { SessionCookies } from './session-cookie.ts';
import type { AuthModeName } from './session-seal.ts';

/**
 * The parts of a request an auth mode may look at, the same for HTTP requests (Hono) and WebSocket
 * upgrades (Node's `IncomingMessage`): see `authRequestOf` and `authRequestOfIncoming`.
 */
export interface AuthRequest {
  /** A request header by name (any case); a repeated header joined with `, `. */
  header(name: string): string | undefined;
  /** The peer's address from the TCP connection (never from a header); IPv4-mapped IPv6 as given. */
  remoteAddress: string | undefined;
  /** True when the connection itself is TLS. */
  encrypted: boolean;
  /** The request target: path and query. */
  url: string;
}

/** A request whose person is known. */
export interface Authenticated {
  principal: Principal;
  /**
   * `Set-Cookie` values to send with the response (e.g. OIDC: the session re-sealed with refreshed
   * tokens). Upgrades can't carry them: a mode must not depend on them being stored.
   */
  setCookies?: string[] | undefined;
}

/**
 * One way of knowing who a request acts for (`--auth`). The server asks {@link AuthMode.authenticate}
 * before every API call, proxied request and WebSocket upgrade; `undefined` means "log in first"
 * (a 302 to `/login` for a page in a login mode, a 401 Status for the rest).
 *
 * @example
 * const mode: AuthMode = {
 *   name: 'token',
 *   loginPage: true,
 *   async authenticate(req) { const s = await sessions.read(req); return s && { principal: toPrincipal(s) }; },
 *   routes(app) { app.get('/login', (c) => c.html(page)); },
 * };
 */
export interface AuthMode {
  readonly name: AuthModeName;
  /** True when a person logs in through `GET /login` (token, oidc); false for local and proxy. */
  readonly loginPage: boolean;
  /** Who `req` acts for, or `undefined` when nobody (no session, a refused one, an untrusted peer). */
  authenticate(req: AuthRequest): Promise<Authenticated | undefined>;
  /**
   * Mounts the mode's own routes (`GET /login`, `POST /api/login/token`, `/auth/oidc/...`); they are
   * served without authentication, after the CSRF and path checks.
   */
  routes?(app: Hono): void;
  /**
   * Called by `POST /api/logout` after the session cookie is cleared: where the browser goes next
   * (e.g. the issuer's end-session URL); default `/login`.
   */
  logout?(req: AuthRequest): Promise<{ redirect?: string | undefined }>;
  /** Stops timers and connections (server shutdown). */
  close?(): void;
}

/** A JSON call to a cluster's API. */
export interface ClusterCallRequest {
  method: string;
  /** The API path and query, e.g. `/apis/authorization.k8s.io/v1/selfsubjectrulesreviews`. */
  path: string;
  body?: unknown;
}

/** The answer of a {@link ClusterCall}: any HTTP status; `body` parsed JSON, or undefined. */
export interface ClusterCallResult {
  status: number;
  body: unknown;
}

/**
 * Calls context `contextName`'s API server (`undefined`: the kubeconfig's current context) as
 * `principal`, through the same credentials, adapters and deadlines as the proxy. Rejects with a Status
 * (unknown context 404, unreachable 502, ...).
 */
export type ClusterCall = (
  principal: Principal,
  contextName: string | undefined,
  request: ClusterCallRequest,
) => Promise<ClusterCallResult>;

/** What a mode's factory is given. */
export interface AuthModeDeps {
  config: AuthConfig;
  /** The session cookie (`porthole_session`); present when `--session-secret-file` is given. */
  sessions: SessionCookies | undefined;
  /** Calls a cluster as a principal (token mode checks a pasted token with it). */
  call: ClusterCall;
  /** The contexts people may pick when logging in (token mode), the current one first. */
  contextNames: () => string[];
  log: (message: string) => void;
}
