import { StatusError } from '@porthole/protocol';
import type { Context, MiddlewareHandler } from 'hono';
import type { AuthMode } from './auth-mode.ts';
import { authRequestOf } from './auth-request.ts';
import type { Principal } from './principal.ts';

/** Paths served to everyone: the probes, metrics (counts, nothing personal), the login page and endpoints, logout. */
const publicPaths = [
  /^\/healthz$/,
  /^\/readyz$/,
  /^\/login$/,
  /^\/api\/login\//,
  /^\/api\/logout$/,
  /^\/auth\//,
  /^\/metrics$/,
];

/** Paths that are never pages: an unauthenticated request there gets a 401 Status, not a redirect. */
const apiPaths = /^\/(api|clusters|plugins|metrics|ws)(\/|$)/;

/**
 * The Hono environment of an authenticated request: `c.get('principal')` is who it acts for.
 */
export type AuthEnv = { Variables: { principal?: Principal } };

/**
 * True when a request is a page navigation a browser would follow a redirect for: a GET or HEAD,
 * outside the API paths, that asks for HTML (or says `Sec-Fetch-Mode: navigate`).
 *
 * @example
 * isPageNavigation('GET', '/c/prod/pods', { accept: 'text/html' }); // true
 */
export function isPageNavigation(
  method: string,
  path: string,
  headers: { accept?: string | undefined; secFetchMode?: string | undefined },
): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (apiPaths.test(path)) return false;
  return headers.secFetchMode === 'navigate' || (headers.accept ?? '').includes('text/html');
}

function loginRedirect(c: Context): Response {
  const url = new URL(c.req.url);
  const back = `${url.pathname}${url.search}`;
  const location = back === '/' ? '/login' : `/login?return=${encodeURIComponent(back)}`;
  return c.redirect(location, 302);
}

/**
 * Hono middleware: every request except the public paths (`/healthz`, `/readyz`, `/login`,
 * `/api/login/...`, `/auth/...`) must authenticate with `mode`. Its principal is put in
 * `c.get('principal')` (and any `Set-Cookie` the mode asks for is sent). Without one: a page
 * navigation in a mode with a login page is redirected (302) to `/login?return=<path>`; everything else
 * gets a 401 Status. In local mode every request is local mode's principal.
 *
 * @example
 * app.use('*', createAuthGate(mode));
 */
export function createAuthGate(mode: AuthMode): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const path = c.req.path;
    if (publicPaths.some((p) => p.test(path))) return next();
    const found = await mode.authenticate(authRequestOf(c));
    if (!found) {
      const page = isPageNavigation(c.req.method, path, {
        accept: c.req.header('accept'),
        secFetchMode: c.req.header('sec-fetch-mode'),
      });
      if (page && mode.loginPage) return loginRedirect(c);
      throw StatusError.unauthorized(
        mode.loginPage
          ? 'you are not logged in (or your session expired): log in at /login'
          : 'this request did not come through the authenticating proxy',
      );
    }
    c.set('principal', found.principal);
    for (const cookie of found.setCookies ?? []) c.header('Set-Cookie', cookie, { append: true });
    await next();
  };
}
