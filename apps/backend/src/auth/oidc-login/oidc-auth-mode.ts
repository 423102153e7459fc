import { readFile } from 'node:fs/promises';
import type { Context, Hono } from 'hono';
import type { AuthMode, AuthModeDeps, AuthRequest } from '../../session/auth-mode.ts';
import { authRequestOf } from '../../session/auth-request.ts';
import { loginPageCsp } from '../../session/login-page.ts';
import { safeReturnPath } from '../../session/return-path.ts';
import {
  createSessionSealer,
  defaultSessionMaxAgeSeconds,
  readSessionSecrets,
} from '../../session/session-seal.ts';
import { createIssuerFetch, type IssuerFetch } from './issuer-fetch.ts';
import { createLoginFlowCookies } from './login-flow.ts';
import { oidcLoginPage } from './login-page.ts';
import { createOidcClient, OidcFailure, type OidcTokenSet } from './oidc-client.ts';
import { oidcPrincipal, oidcSessionPayload, oidcSessionTokens } from './oidc-session.ts';
import { createTokenLedger, needsRefresh } from './token-ledger.ts';

/** Test seams of {@link createOidcAuthMode}. */
export interface OidcAuthModeOptions {
  now?: () => number;
  fetch?: IssuerFetch;
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${what} ${path}: ${(err as Error).message}`);
  }
}

/**
 * `--auth oidc`: Porthole as an OIDC client. `GET /login` offers `Log in with <issuer>`;
 * `/auth/oidc/start` sends the browser to the issuer (authorization code, PKCE S256, `state` and
 * `nonce` in a sealed 10-minute cookie, the return path checked same-origin); `/auth/oidc/callback`
 * checks them, verifies the id-token and seals the tokens into the session cookie. Each request's
 * id-token is refreshed shortly before it expires, once however many requests ask (the ledger); when
 * it can't be refreshed the person logs in again (a 302 to `/login` for pages, a 401 Status for the
 * rest, said by the auth gate). Logging out revokes the refresh token at the issuer.
 *
 * @example
 * const mode = await createAuthMode(deps, { oidc: createOidcAuthMode });
 */
export async function createOidcAuthMode(
  deps: AuthModeDeps,
  options: OidcAuthModeOptions = {},
): Promise<AuthMode> {
  const { config, sessions } = deps;
  const oidc = config.oidc;
  if (!oidc || !config.externalUrl || !sessions || !config.sessionSecretFile)
    throw new Error(
      '--auth oidc needs --oidc-issuer-url, --oidc-client-id, --external-url and --session-secret-file',
    );
  const now = options.now ?? Date.now;
  const caPem = oidc.caFile ? await readText(oidc.caFile, '--oidc-ca-file') : undefined;
  const clientSecret = oidc.clientSecretFile
    ? (await readText(oidc.clientSecretFile, '--oidc-client-secret-file')).trim()
    : undefined;
  const sealer = createSessionSealer(await readSessionSecrets(config.sessionSecretFile), { now });
  const flows = createLoginFlowCookies(sealer, config.externalUrl);
  const redirectUri = `${config.externalUrl}/auth/oidc/callback`;
  const client = createOidcClient({
    issuerUrl: oidc.issuerUrl,
    clientId: oidc.clientId,
    clientSecret,
    scopes: oidc.scopes,
    redirectUri,
    fetch: options.fetch ?? createIssuerFetch({ caPem }),
  });
  const ledger = createTokenLedger({ refresh: (token) => client.refresh(token), now });
  const issuerName = new URL(oidc.issuerUrl).host;

  /** The session's tokens, refreshed when due; undefined when there is no usable session. */
  const currentTokens = async (req: AuthRequest) => {
    const stored = oidcSessionTokens(await sessions.read(req));
    if (!stored) return undefined;
    let tokens: OidcTokenSet = (stored.refreshToken && ledger.newest(stored.refreshToken)) || stored;
    const nowSeconds = now() / 1000;
    if (tokens.refreshToken && needsRefresh(tokens.claims, nowSeconds)) {
      try {
        tokens = await ledger.refresh(tokens.refreshToken);
      } catch (err) {
        deps.log(`oidc: ${stored.claims.sub}: ${(err as Error).message}`);
      }
    }
    if (now() / 1000 >= tokens.claims.expiresAt) return undefined;
    return { tokens, changed: tokens !== stored };
  };

  const sessionCookie = (req: AuthRequest, tokens: OidcTokenSet) => {
    const untilExpiry = Math.max(1, Math.floor(tokens.claims.expiresAt - now() / 1000));
    const maxAge = tokens.refreshToken ? defaultSessionMaxAgeSeconds : untilExpiry;
    return sessions.issue(req, oidcSessionPayload(tokens), maxAge);
  };

  const page = (c: Context, status: 200 | 400 | 401 | 503, returnPath: string, notice?: string) =>
    c.html(
      oidcLoginPage({
        issuerName,
        startHref: `/auth/oidc/start?return=${encodeURIComponent(returnPath)}`,
        notice,
      }),
      status,
      { 'Content-Security-Policy': loginPageCsp, 'Cache-Control': 'no-store' },
    );

  return {
    name: 'oidc',
    loginPage: true,
    async authenticate(req) {
      const found = await currentTokens(req);
      if (!found) return undefined;
      const setCookies = found.changed ? [await sessionCookie(req, found.tokens)] : undefined;
      return { principal: oidcPrincipal(found.tokens, ledger, now), setCookies };
    },
    routes(app: Hono) {
      app.get('/login', async (c) => {
        const req = authRequestOf(c);
        const returnPath = safeReturnPath(c.req.query('return'));
        if (await currentTokens(req)) return c.redirect(returnPath, 302);
        const hadSession = oidcSessionTokens(await sessions.read(req)) !== undefined;
        const notice =
          c.req.query('reason') === 'logged-out'
            ? 'You have logged out.'
            : hadSession
              ? 'Your session has ended and could not be renewed: log in again.'
              : undefined;
        if (hadSession) c.header('Set-Cookie', sessions.clear(req));
        return page(c, 200, returnPath, notice);
      });
      app.get('/auth/oidc/start', async (c) => {
        const req = authRequestOf(c);
        const flow = flows.begin(safeReturnPath(c.req.query('return')));
        let target: URL;
        try {
          target = await client.authorizationUrl(flow);
        } catch (err) {
          return page(c, 503, flow.returnPath, `${(err as Error).message}. Try again in a moment.`);
        }
        c.header('Set-Cookie', await flows.issue(req, flow));
        return c.redirect(target.href, 302);
      });
      app.get('/auth/oidc/callback', async (c) => {
        const req = authRequestOf(c);
        const flow = await flows.read(req);
        c.header('Set-Cookie', flows.clear(req), { append: true });
        if (!flow)
          return page(
            c,
            400,
            '/',
            'This login was not started in this browser or took over 10 minutes: log in again.',
          );
        const callbackUrl = new URL(`${redirectUri}${new URL(c.req.url).search}`);
        let tokens: OidcTokenSet;
        try {
          tokens = await client.exchangeCode(callbackUrl, flow);
        } catch (err) {
          const refused = err instanceof OidcFailure && err.refused;
          deps.log(`oidc: login refused: ${(err as Error).message}`);
          return page(c, refused ? 401 : 503, flow.returnPath, `${(err as Error).message}. Log in again.`);
        }
        c.header('Set-Cookie', await sessionCookie(req, tokens), { append: true });
        return c.redirect(flow.returnPath, 302);
      });
    },
    async logout(req) {
      const stored = oidcSessionTokens(await sessions.read(req));
      const newest = stored?.refreshToken ? (ledger.newest(stored.refreshToken) ?? stored) : stored;
      if (newest?.refreshToken) await client.revoke(newest.refreshToken);
      return { redirect: '/login?reason=logged-out' };
    },
  };
}
