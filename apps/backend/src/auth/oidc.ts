import { dirname, isAbsolute, resolve } from 'node:path';
import { bearerHeaders, CredentialFailure } from './credential-failure.ts';
import type { FileReader } from './file-reader.ts';
import type { Identity, IdentitySource } from './identity.ts';
import { isJwtUsable, jwtTimes } from './jwt.ts';
import { OidcRefreshRefused, type OidcTokens, refreshOidcTokens } from './oidc-token-endpoint.ts';
import { createSingleFlight } from './single-flight.ts';

/** Options of {@link createOidcIdentity}. */
export interface OidcIdentityOptions {
  /** The kubeconfig user, for messages. */
  userName: string;
  /** The kubeconfig file defining the user; a relative `idp-certificate-authority` resolves against it. */
  source: string;
  /** The `auth-provider` config: `client-id`, `client-secret`, `id-token`, `refresh-token`, `idp-*`. */
  config: Record<string, string>;
  files: FileReader;
  /** An id-token is refreshed this long before its `exp`; default 10 s. */
  expirySkewMs?: number;
  now?: () => number;
  /** Default {@link refreshOidcTokens}. */
  refresh?: typeof refreshOidcTokens;
  /** Told about every refresh (e.g. to write the tokens back to the kubeconfig); may not throw. */
  onRefreshed?: (tokens: OidcTokens) => void;
}

/**
 * The identity of a kubeconfig `auth-provider: oidc` user. The id-token is used while it is valid (its
 * JWT `exp`, minus a small skew); once expired, or rejected by the API server, it is refreshed with the
 * refresh token (one refresh at a time, however many requests wait) and the new tokens are kept for the
 * life of the process. Without a refresh token, or when the IdP refuses the refresh, `get` rejects with
 * a message that tells the user to log in again.
 *
 * @example
 * const source = createOidcIdentity({ userName: 'alice', source: kubeconfigPath, config, files });
 * const { headers } = await source.get(); // { authorization: 'Bearer eyJ...' }
 */
export function createOidcIdentity(options: OidcIdentityOptions): IdentitySource {
  const { config, userName } = options;
  const now = options.now ?? Date.now;
  const skewMs = options.expirySkewMs ?? 10_000;
  const refresh = options.refresh ?? refreshOidcTokens;
  const flight = createSingleFlight<Identity>();
  let idToken = config['id-token'] || undefined;
  let refreshToken = config['refresh-token'] || undefined;
  /** The id-token the API server answered 401 to. */
  let rejected: string | undefined;
  /** The IdP refused this refresh token: asking again with it is pointless. */
  let refused: { refreshToken: string; why: string } | undefined;
  let current: { token: string; identity: Identity } | undefined;

  const subject = `the id-token of user "${userName}"`;
  const identityFor = (token: string): Identity => {
    if (current?.token !== token) {
      const headers = bearerHeaders(token, subject);
      current = { token, identity: { headers, renewable: refreshToken !== undefined } };
    }
    return current.identity;
  };
  const state = (token: string | undefined): string => {
    if (token === undefined) return `user "${userName}" has no id-token`;
    if (token === rejected) return `${subject} was rejected by the API server`;
    return jwtTimes(token).expiresAt === undefined
      ? `${subject} is not a JWT with an expiry`
      : `${subject} expired`;
  };

  const idpCa = async (): Promise<string | undefined> => {
    const data = config['idp-certificate-authority-data'];
    if (data) return Buffer.from(data, 'base64').toString('utf8');
    const file = config['idp-certificate-authority'];
    if (!file) return undefined;
    const path = isAbsolute(file) ? file : resolve(dirname(options.source), file);
    return options.files.read(path, `idp-certificate-authority of user "${userName}"`);
  };

  const refreshNow = async (): Promise<Identity> => {
    const used = refreshToken;
    if (used === undefined)
      throw new CredentialFailure(`${state(idToken)} and there is no refresh-token: log in again`);
    if (refused?.refreshToken === used) throw new CredentialFailure(refused.why);
    const issuerUrl = config['idp-issuer-url'];
    const clientId = config['client-id'];
    if (!issuerUrl || !clientId) {
      throw new CredentialFailure(
        `${state(idToken)} and cannot be refreshed: idp-issuer-url and client-id must be set`,
      );
    }
    let tokens: OidcTokens;
    try {
      const caPem = await idpCa();
      const secret = config['client-secret'];
      tokens = await refresh({
        issuerUrl,
        clientId,
        refreshToken: used,
        ...(secret ? { clientSecret: secret } : {}),
        ...(caPem ? { caPem } : {}),
      });
    } catch (err) {
      if (err instanceof OidcRefreshRefused) {
        refused = { refreshToken: used, why: `${state(idToken)} and ${err.message}: log in again` };
        throw new CredentialFailure(refused.why, { cause: err });
      }
      if (err instanceof CredentialFailure) {
        throw new CredentialFailure(`${state(idToken)} and could not be refreshed: ${err.message}`, {
          cause: err,
        });
      }
      throw err;
    }
    idToken = tokens.idToken;
    if (tokens.refreshToken) refreshToken = tokens.refreshToken;
    rejected = undefined;
    options.onRefreshed?.({ idToken, ...(refreshToken ? { refreshToken } : {}) });
    return identityFor(idToken);
  };

  const isUsable = (token: string | undefined): token is string =>
    token !== undefined && token !== rejected && isJwtUsable(token, now(), skewMs);

  return {
    async get() {
      if (isUsable(idToken)) return identityFor(idToken);
      return flight.run(refreshNow);
    },
    invalidate(used) {
      if (current?.identity === used && current.token === idToken) rejected = idToken;
    },
  };
}
