import { z } from 'zod';

/**
 * Who the browser is logged in as (`GET /api/session`): the auth mode, and in the login modes the
 * person's name and groups (as the cluster or the authenticating proxy said). Local mode has no user.
 * Never carries a token. Without a session in a login mode the endpoint answers a 401 Status instead.
 *
 * @example
 * const s: SessionInfo = { mode: 'token', user: { name: 'viewer', groups: ['system:authenticated'] } };
 */
export const sessionInfoSchema = z.object({
  mode: z.enum(['local', 'token', 'proxy', 'oidc']),
  user: z.object({ name: z.string(), groups: z.array(z.string()) }).optional(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

/**
 * The answer of `POST /api/logout`: where the browser goes next (`/login`, an issuer's end-session
 * URL), or nowhere (local and proxy modes: there is no session to end here).
 *
 * @example
 * const r: LogoutResult = { redirect: '/login' };
 */
export const logoutResultSchema = z.object({ redirect: z.string().optional() });
export type LogoutResult = z.infer<typeof logoutResultSchema>;
