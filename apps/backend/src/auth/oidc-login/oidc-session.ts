import type { Principal } from '../../session/principal.ts';
import { principalId } from '../../session/principal.ts';
import type { SessionPayload } from '../../session/session-seal.ts';
import type { OidcTokenSet } from './oidc-client.ts';
import { needsRefresh, type TokenLedger } from './token-ledger.ts';

/**
 * The session cookie's payload for `tokens`: the person (`sub`, groups), the id-token and refresh
 * token, and the id-token's times (so a request knows when to refresh without parsing the token).
 *
 * @example
 * c.header('Set-Cookie', await sessions.issue(req, oidcSessionPayload(tokens)));
 */
export function oidcSessionPayload(tokens: OidcTokenSet): SessionPayload {
  return {
    mode: 'oidc',
    user: tokens.claims.sub,
    groups: tokens.claims.groups,
    token: tokens.idToken,
    refreshToken: tokens.refreshToken,
    data: { iat: tokens.claims.issuedAt, exp: tokens.claims.expiresAt },
  };
}

/**
 * The tokens an OIDC session cookie carries, or `undefined` when `payload` is not an OIDC session
 * (another mode's, or a login-flow cookie's payload presented as a session).
 *
 * @example
 * const tokens = oidcSessionTokens(await sessions.read(req));
 */
export function oidcSessionTokens(payload: SessionPayload | undefined): OidcTokenSet | undefined {
  if (payload?.mode !== 'oidc' || !payload.token || payload.data?.flow !== undefined) return undefined;
  const { iat, exp } = payload.data ?? {};
  if (typeof iat !== 'number' || typeof exp !== 'number' || payload.user === '') return undefined;
  return {
    idToken: payload.token,
    refreshToken: payload.refreshToken,
    claims: { sub: payload.user, groups: payload.groups, issuedAt: iat, expiresAt: exp },
  };
}

/**
 * The principal of an OIDC session. Its bearer token is resolved at each upstream request
 * (`upstream.current()`): when the tokens are due for refresh (a WebSocket outlives its cookie's
 * id-token), it refreshes through `ledger` first (once, shared with every other request of the
 * session). `id` stays the same across refreshes.
 *
 * @example
 * const principal = oidcPrincipal(tokens, ledger);
 * principal.upstream; // { kind: 'bearer', token: 'eyJ...' }
 */
export function oidcPrincipal(
  tokens: OidcTokenSet,
  ledger: TokenLedger,
  now: () => number = Date.now,
): Principal {
  let current = tokens;
  /** The newest tokens this replica knows for the session (another request may have refreshed). */
  const newest = () => {
    const rotated = current.refreshToken ? ledger.newest(current.refreshToken) : undefined;
    if (rotated) current = rotated;
    return current;
  };
  const refreshIfDue = async (): Promise<string> => {
    const used = newest();
    if (used.refreshToken && needsRefresh(used.claims, now() / 1000)) {
      try {
        const fresh = await ledger.refresh(used.refreshToken);
        if (current === used) current = fresh;
      } catch {
        // Refused or unreachable: the token as it is; once expired the API server answers 401.
      }
    }
    return current.idToken;
  };
  const upstream = {
    kind: 'bearer' as const,
    get token(): string {
      return newest().idToken;
    },
    current: refreshIfDue,
  };
  const { sub, groups } = tokens.claims;
  return { id: principalId('oidc', sub, groups), user: sub, groups, upstream };
}
