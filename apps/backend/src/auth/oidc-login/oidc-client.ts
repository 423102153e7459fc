import * as client from 'openid-client';
import { boundedText } from '../credential-failure.ts';
import { createIdTokenVerifier, type IdTokenClaims, type IdTokenVerifier } from './id-token.ts';
import type { IssuerFetch } from './issuer-fetch.ts';

/** Tokens from the issuer, the id-token verified. */
export interface OidcTokenSet {
  idToken: string;
  /** Absent when the issuer gave none (then the session ends when the id-token expires). */
  refreshToken?: string | undefined;
  claims: IdTokenClaims;
}

/** The checks a login's callback is held to, kept in the login's flow cookie. */
export interface LoginChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Porthole as one OIDC client of one issuer. */
export interface OidcClient {
  /** The issuer's authorization URL for a login with these checks (PKCE S256). */
  authorizationUrl(checks: LoginChecks): Promise<URL>;
  /** Redeems the code in `callbackUrl` after checking `state`; the id-token's signature and nonce verified. */
  exchangeCode(callbackUrl: URL, checks: LoginChecks): Promise<OidcTokenSet>;
  /** A refresh grant; the new id-token verified. */
  refresh(refreshToken: string): Promise<OidcTokenSet>;
  /** Revokes a refresh token (RFC 7009) when the issuer offers it; never rejects. */
  revoke(refreshToken: string): Promise<void>;
}

/** Options of {@link createOidcClient}. */
export interface OidcClientOptions {
  issuerUrl: string;
  clientId: string;
  clientSecret?: string | undefined;
  scopes: readonly string[];
  /** `<--external-url>/auth/oidc/callback`. */
  redirectUri: string;
  fetch: IssuerFetch;
}

/** The issuer refused or failed; `message` is fit for a person (no token, bounded). */
export class OidcFailure extends Error {
  /** True when the issuer answered and refused (e.g. `invalid_grant`): only a new login helps. */
  readonly refused: boolean;
  constructor(message: string, refused: boolean, options?: ErrorOptions) {
    super(message, options);
    this.name = 'OidcFailure';
    this.refused = refused;
  }
}

/** The Node error of a failed connection somewhere in `err`'s causes (openid-client wraps them). */
function connectionError(err: unknown): NodeJS.ErrnoException | undefined {
  let e: unknown = err;
  for (let depth = 0; e instanceof Error && depth < 5; depth += 1) {
    const code = (e as NodeJS.ErrnoException).code;
    // OAUTH_* (openid-client) and ERR_JW* (jose) codes are checks that failed, not connections.
    const refusal = typeof code === 'string' && /^(OAUTH_|ERR_JW)/.test(code) && code !== 'ERR_JWKS_TIMEOUT';
    if (typeof code === 'string' && !refusal) return e as NodeJS.ErrnoException;
    e = e.cause;
  }
  return undefined;
}

function failure(what: string, err: unknown): OidcFailure {
  if (err instanceof OidcFailure) return err;
  const e = err as { error?: unknown; error_description?: unknown; message?: string };
  if (typeof e.error === 'string') {
    const description = typeof e.error_description === 'string' ? `: ${e.error_description}` : '';
    return new OidcFailure(`${what}: the issuer said ${boundedText(`${e.error}${description}`, 300)}`, true, {
      cause: err,
    });
  }
  // The connection failed (unreachable, TLS, a timeout): worth trying again later, not a refusal.
  const connection = connectionError(err);
  if (connection) {
    const code = connection.code ?? '';
    const why = /CERT|SIGNATURE|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)
      ? `the issuer's certificate is not trusted (${code}): give its CA with --oidc-ca-file`
      : boundedText(`${code}: ${connection.message}`, 300);
    return new OidcFailure(`${what}: ${why}`, false, { cause: err });
  }
  // openid-client refused what the issuer sent (state, nonce, signature, claims): only a new login helps.
  if (err instanceof client.ClientError) {
    // Its message is generic ("invalid response encountered"); the cause says which check failed.
    const detail = err.cause instanceof Error ? err.cause.message : err.message;
    return new OidcFailure(`${what}: ${boundedText(detail, 300)}`, true, { cause: err });
  }
  return new OidcFailure(`${what}: ${boundedText(e.message ?? String(err), 300)}`, false, { cause: err });
}

/**
 * Creates the OIDC client (openid-client for discovery, the authorization-code grant with PKCE, state
 * and nonce checks, refresh and revocation; jose verifies every id-token's signature against the
 * issuer's JWKS). Discovery happens on first use and is retried after a failure, so Porthole starts
 * while the issuer is down.
 *
 * @example
 * const oidc = createOidcClient({ issuerUrl, clientId, scopes: ['openid'], redirectUri, fetch });
 * res.redirect((await oidc.authorizationUrl(checks)).href);
 */
export function createOidcClient(options: OidcClientOptions): OidcClient {
  let discovered: Promise<{ config: client.Configuration; verify: IdTokenVerifier }> | undefined;
  const discover = () => {
    discovered ??= (async () => {
      const auth = options.clientSecret ? client.ClientSecretPost(options.clientSecret) : client.None();
      const config = await client.discovery(new URL(options.issuerUrl), options.clientId, undefined, auth, {
        [client.customFetch]: options.fetch,
        timeout: 15,
      });
      config[client.customFetch] = options.fetch;
      const { issuer, jwks_uri: jwksUri } = config.serverMetadata();
      if (!jwksUri) throw new OidcFailure('the issuer publishes no jwks_uri', false);
      const verify = createIdTokenVerifier({
        issuer,
        clientId: options.clientId,
        jwksUri,
        fetch: options.fetch,
      });
      return { config, verify };
    })().catch((err: unknown) => {
      discovered = undefined;
      throw failure(`cannot read the discovery document of ${options.issuerUrl}`, err);
    });
    return discovered;
  };

  const verified = async (
    tokens: client.TokenEndpointResponse,
    verify: IdTokenVerifier,
    nonce?: string,
  ): Promise<OidcTokenSet> => {
    if (!tokens.id_token) throw new OidcFailure('the issuer answered without an id_token', true);
    const claims = await verify(tokens.id_token, nonce).catch((err: unknown) => {
      throw new OidcFailure((err as Error).message, true, { cause: err });
    });
    return { idToken: tokens.id_token, refreshToken: tokens.refresh_token, claims };
  };

  return {
    async authorizationUrl(checks) {
      const { config } = await discover();
      return client.buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri,
        scope: options.scopes.join(' '),
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
      });
    },
    async exchangeCode(callbackUrl, checks) {
      const { config, verify } = await discover();
      let tokens: client.TokenEndpointResponse;
      try {
        tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
      } catch (err) {
        throw failure('the login could not be completed', err);
      }
      return verified(tokens, verify, checks.nonce);
    },
    async refresh(refreshToken) {
      const { config, verify } = await discover();
      let tokens: client.TokenEndpointResponse;
      try {
        tokens = await client.refreshTokenGrant(config, refreshToken);
      } catch (err) {
        throw failure('the session could not be renewed', err);
      }
      // An issuer that does not rotate refresh tokens sends none back: the old one stays valid.
      return verified({ ...tokens, refresh_token: tokens.refresh_token ?? refreshToken }, verify);
    },
    async revoke(refreshToken) {
      try {
        const { config } = await discover();
        if (!config.serverMetadata().revocation_endpoint) return;
        await client.tokenRevocation(config, refreshToken, { token_type_hint: 'refresh_token' });
      } catch {
        // Logging out never fails on the issuer's account: the cookie is gone either way.
      }
    },
  };
}
