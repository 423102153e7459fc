import { type LogoutResult, type SessionInfo, StatusError } from '@porthole/protocol';
import { Hono } from 'hono';
import type { AuthEnv } from './auth-gate.ts';
import type { AuthMode } from './auth-mode.ts';
import { authRequestOf } from './auth-request.ts';
import type { SessionCookies } from './session-cookie.ts';

/**
 * `GET /api/session` and `POST /api/logout` (mount at `/api`, after the auth gate for `/session`).
 * `/api/session` answers `{ mode }` in local mode, `{ mode, user: { name, groups } }` when logged in,
 * and a 401 Status otherwise (the gate's). `/api/logout` clears the session cookie (CSRF-checked like
 * every mutating request) and answers where to go next.
 *
 * @example
 * app.route('/api', createSessionRoutes(mode, sessions));
 */
export function createSessionRoutes(mode: AuthMode, sessions: SessionCookies | undefined): Hono<AuthEnv> {
  const routes = new Hono<AuthEnv>();
  routes.get('/session', (c) => {
    const principal = c.get('principal');
    if (!principal) throw StatusError.unauthorized('you are not logged in');
    const body: SessionInfo =
      mode.name === 'local'
        ? { mode: 'local' }
        : { mode: mode.name, user: { name: principal.user, groups: principal.groups } };
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  });
  routes.post('/logout', async (c) => {
    const req = authRequestOf(c);
    if (sessions) c.header('Set-Cookie', sessions.clear(req), { append: true });
    const next = mode.logout ? await mode.logout(req) : {};
    const body: LogoutResult = mode.loginPage ? { redirect: next.redirect ?? '/login' } : {};
    return c.json(body);
  });
  return routes;
}
