import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A person who can sign in on the test issuer's login form. */
export interface OidcUser {
  /** Also the id-token's `sub`; the API server sees `oidc:<username>`. */
  username: string;
  password: string;
  /** The id-token's `groups` claim; the API server sees each as `oidc:<group>`. */
  groups: string[];
}

/** Alice in `team-a` and Bob in `team-b`, the issuer's users unless told otherwise. */
export const defaultOidcUsers: readonly OidcUser[] = [
  { username: 'alice', password: 'alice-password', groups: ['team-a'] },
  { username: 'bob', password: 'bob-password', groups: ['team-b'] },
];

/** Who an id-token is for. */
export interface GrantSubject {
  sub: string;
  groups: string[];
  /** Seconds until `exp`; when absent, the lifetime set for `sub` or the issuer's default. */
  expiresIn?: number;
}

interface CodeGrant extends GrantSubject {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce?: string;
  expiresAt: number;
}

/** What a redeemed authorization code stands for, or why it was refused (an OAuth `error` and text). */
export type CodeRedemption =
  | { ok: true; subject: GrantSubject; nonce?: string }
  | { ok: false; error: 'invalid_grant' | 'invalid_request'; description: string };

/** The issuer's codes and refresh tokens, and how often each person refreshed. */
export interface GrantStore {
  issueCode(grant: Omit<CodeGrant, 'expiresAt'>): string;
  redeemCode(
    code: string,
    request: { clientId: string; redirectUri: string; verifier: string },
  ): CodeRedemption;
  issueRefreshToken(subject: GrantSubject): string;
  /** The subject of a refresh token, which is used up (rotation); undefined if unknown, used or revoked. */
  redeemRefreshToken(token: string): GrantSubject | undefined;
  revokeRefreshTokens(sub: string): number;
  /** Revokes one refresh token (RFC 7009); false when it was unknown. */
  revokeRefreshToken(token: string): boolean;
  refreshCount(sub?: string): number;
}

const codeLifetimeMs = 60_000;
/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
const verifierShape = /^[A-Za-z0-9._~-]{43,128}$/;

/** True when `verifier` is what `challenge` was made from with S256 (RFC 7636 §4.6). */
export function isPkceMatch(verifier: string, challenge: string): boolean {
  if (!verifierShape.test(verifier)) return false;
  const made = Buffer.from(createHash('sha256').update(verifier).digest('base64url'));
  const expected = Buffer.from(challenge);
  return made.length === expected.length && timingSafeEqual(made, expected);
}

/**
 * Creates the issuer's grant store: single-use authorization codes bound to the client, redirect URI
 * and PKCE challenge (60 s), and rotating refresh tokens that can be revoked per person.
 *
 * @example
 * const grants = createGrantStore();
 * const token = grants.issueRefreshToken({ sub: 'alice', groups: ['team-a'] });
 */
export function createGrantStore(now: () => number = Date.now): GrantStore {
  const codes = new Map<string, CodeGrant>();
  const refreshTokens = new Map<string, GrantSubject>();
  const counts = new Map<string, number>();
  const random = () => randomBytes(24).toString('base64url');
  return {
    issueCode(grant) {
      const code = random();
      codes.set(code, { ...grant, expiresAt: now() + codeLifetimeMs });
      return code;
    },
    redeemCode(code, request) {
      const grant = codes.get(code);
      codes.delete(code);
      if (!grant || grant.expiresAt < now())
        return { ok: false, error: 'invalid_grant', description: 'unknown, used or expired code' };
      if (grant.clientId !== request.clientId || grant.redirectUri !== request.redirectUri)
        return { ok: false, error: 'invalid_grant', description: 'client_id or redirect_uri differ' };
      if (!isPkceMatch(request.verifier, grant.codeChallenge))
        return { ok: false, error: 'invalid_grant', description: 'code_verifier does not match' };
      const { sub, groups, nonce } = grant;
      return { ok: true, subject: { sub, groups }, ...(nonce === undefined ? {} : { nonce }) };
    },
    issueRefreshToken(subject) {
      const token = randomBytes(16).toString('hex');
      refreshTokens.set(token, subject);
      return token;
    },
    redeemRefreshToken(token) {
      const subject = refreshTokens.get(token);
      if (!subject) return undefined;
      refreshTokens.delete(token);
      counts.set(subject.sub, (counts.get(subject.sub) ?? 0) + 1);
      return subject;
    },
    revokeRefreshTokens(sub) {
      let revoked = 0;
      for (const [token, subject] of refreshTokens) {
        if (subject.sub !== sub) continue;
        refreshTokens.delete(token);
        revoked += 1;
      }
      return revoked;
    },
    revokeRefreshToken(token) {
      return refreshTokens.delete(token);
    },
    refreshCount(sub) {
      if (sub !== undefined) return counts.get(sub) ?? 0;
      return [...counts.values()].reduce((a, b) => a + b, 0);
    },
  };
}
