import { createRemoteJWKSet, customFetch, type JWTPayload, jwtVerify } from 'jose';
import type { IssuerFetch } from './issuer-fetch.ts';

/** What Porthole takes from a verified id-token. */
export interface IdTokenClaims {
  /** `sub`: the person, as the API server names them (with its `--oidc-username-claim=sub`). */
  sub: string;
  /** The `groups` claim (strings only); empty when absent. */
  groups: string[];
  /** `iat` and `exp`, in seconds since the epoch. */
  issuedAt: number;
  expiresAt: number;
  nonce?: string | undefined;
}

/** Verifies id-tokens of one issuer for one client. */
export type IdTokenVerifier = (idToken: string, expectedNonce?: string) => Promise<IdTokenClaims>;

/** Options of {@link createIdTokenVerifier}. */
export interface IdTokenVerifierOptions {
  issuer: string;
  clientId: string;
  jwksUri: string;
  fetch: IssuerFetch;
  /** Seconds of clock difference tolerated on `exp`/`iat`; default 5. */
  clockToleranceSeconds?: number;
}

/** Why an id-token was refused, in words for a person (never the token). */
export class IdTokenRefused extends Error {
  constructor(why: string, options?: ErrorOptions) {
    super(why, options);
    this.name = 'IdTokenRefused';
  }
}

function claimsOf(payload: JWTPayload): IdTokenClaims {
  const { sub, exp, iat, groups, nonce } = payload as JWTPayload & { groups?: unknown; nonce?: unknown };
  if (typeof sub !== 'string' || sub === '') throw new IdTokenRefused('the id-token has no subject');
  if (typeof exp !== 'number' || typeof iat !== 'number')
    throw new IdTokenRefused('the id-token has no exp or iat');
  return {
    sub,
    groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [],
    issuedAt: iat,
    expiresAt: exp,
    ...(typeof nonce === 'string' ? { nonce } : {}),
  };
}

/**
 * Creates an id-token verifier (jose): the signature against the issuer's JWKS (fetched when a key id
 * is new, cached otherwise), `iss`, `aud` (and `azp` when there are several audiences), `exp` and `iat`,
 * and the `nonce` when one is expected. Asymmetric algorithms only: `none` and HMAC are refused.
 *
 * @example
 * const verify = createIdTokenVerifier({ issuer, clientId: 'porthole', jwksUri, fetch });
 * const { sub, groups } = await verify(idToken, nonce);
 */
export function createIdTokenVerifier(options: IdTokenVerifierOptions): IdTokenVerifier {
  const jwks = createRemoteJWKSet(new URL(options.jwksUri), {
    [customFetch]: (url, init) => options.fetch(url, init),
  });
  return async (idToken, expectedNonce) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, jwks, {
        issuer: options.issuer,
        audience: options.clientId,
        algorithms: [
          'RS256',
          'RS384',
          'RS512',
          'PS256',
          'PS384',
          'PS512',
          'ES256',
          'ES384',
          'ES512',
          'EdDSA',
        ],
        requiredClaims: ['sub', 'exp', 'iat'],
        clockTolerance: options.clockToleranceSeconds ?? 5,
      }));
    } catch (err) {
      throw new IdTokenRefused(`the id-token is not valid: ${(err as Error).message}`, { cause: err });
    }
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (audiences.length > 1 && (payload as { azp?: unknown }).azp !== options.clientId)
      throw new IdTokenRefused('the id-token was issued to another party (azp)');
    const claims = claimsOf(payload);
    if (expectedNonce !== undefined && claims.nonce !== expectedNonce)
      throw new IdTokenRefused('the id-token does not carry the nonce of this login');
    return claims;
  };
}
