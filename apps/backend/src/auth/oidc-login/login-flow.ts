import * as client from 'openid-client';
import type { AuthRequest } from '../../session/auth-mode.ts';
import { cookieValue } from '../../session/session-cookie.ts';
import type { SessionSealer } from '../../session/session-seal.ts';
import type { LoginChecks } from './oidc-client.ts';

/** The cookie that carries a login's checks from `/auth/oidc/start` to the callback. */
export const flowCookieName = 'porthole_oidc_flow';
/** A login must come back within 10 minutes. */
const flowMaxAgeSeconds = 600;

/** A login in progress: its checks and where to go afterwards. */
export interface LoginFlow extends LoginChecks {
  returnPath: string;
}

/** Seals and opens login-flow cookies. */
export interface LoginFlowCookies {
  /** New random checks for a login returning to `returnPath` (already checked same-origin). */
  begin(returnPath: string): LoginFlow;
  /** A `Set-Cookie` value holding `flow`, sealed, for the callback path only. */
  issue(req: AuthRequest, flow: LoginFlow): Promise<string>;
  /** The flow of `req`'s cookie, or `undefined` (none, tampered, another key, older than 10 minutes). */
  read(req: AuthRequest): Promise<LoginFlow | undefined>;
  /** A `Set-Cookie` value deleting it. */
  clear(req: AuthRequest): string;
}

/**
 * Creates the login-flow cookies (`porthole_oidc_flow`: `Path=/auth/oidc`, HttpOnly, SameSite=Lax so
 * the issuer's redirect back carries it, Secure like the session cookie, 10 minutes), sealed with the
 * session keys. The payload is marked as a flow, so it is never taken for a session.
 *
 * @example
 * const flows = createLoginFlowCookies(sealer, externalUrl);
 * const flow = flows.begin('/c/prod/pods');
 */
export function createLoginFlowCookies(
  sealer: SessionSealer,
  externalUrl: string | undefined,
): LoginFlowCookies {
  const secureAlways = externalUrl?.startsWith('https:') ?? false;
  const attributes = (req: AuthRequest, maxAge: number) =>
    `Path=/auth/oidc; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secureAlways || req.encrypted ? '; Secure' : ''}`;
  return {
    begin(returnPath) {
      return {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
        returnPath,
      };
    },
    async issue(req, flow) {
      const sealed = await sealer.seal(
        {
          mode: 'oidc',
          user: '',
          groups: [],
          data: { flow: 1, ...flow },
        },
        flowMaxAgeSeconds,
      );
      return `${flowCookieName}=${sealed}; ${attributes(req, flowMaxAgeSeconds)}`;
    },
    async read(req) {
      const value = cookieValue(req.header('cookie'), flowCookieName);
      const data = value ? (await sealer.open(value))?.data : undefined;
      if (data?.flow !== 1) return undefined;
      const { state, nonce, codeVerifier, returnPath } = data;
      if (typeof state !== 'string' || typeof nonce !== 'string' || typeof codeVerifier !== 'string')
        return undefined;
      return { state, nonce, codeVerifier, returnPath: typeof returnPath === 'string' ? returnPath : '/' };
    },
    clear(req) {
      return `${flowCookieName}=; ${attributes(req, 0)}`;
    },
  };
}
