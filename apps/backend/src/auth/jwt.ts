/** The time claims of a JWT, in milliseconds since the epoch. */
export interface JwtTimes {
  /** `exp`; absent when the token has none (or is not a JWT). */
  expiresAt?: number;
  /** `iat`, when present. */
  issuedAt?: number;
}

function millis(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value * 1000 : undefined;
}

/**
 * The `exp` and `iat` claims of a JWT; empty when `token` is not a JWT with a JSON payload. The
 * signature is not checked: the API server does that; this only tells whether a token is worth sending.
 *
 * @example
 * const { expiresAt } = jwtTimes(idToken);
 * const usable = expiresAt !== undefined && Date.now() + 10_000 < expiresAt;
 */
export function jwtTimes(token: string): JwtTimes {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return {};
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) return {};
    const { exp, iat } = claims as { exp?: unknown; iat?: unknown };
    const expiresAt = millis(exp);
    const issuedAt = millis(iat);
    return {
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      ...(issuedAt !== undefined ? { issuedAt } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * True while a JWT is worth sending at `now`: it has an `exp` more than `skewMs` away. For tokens that
 * live shorter than four times the skew, the margin shrinks to a quarter of their lifetime, so a
 * short-lived token is still used rather than refreshed on every call.
 *
 * @example
 * isJwtUsable(idToken, Date.now(), 10_000); // false once exp is less than 10 s away
 */
export function isJwtUsable(token: string, now: number, skewMs: number): boolean {
  const { expiresAt, issuedAt } = jwtTimes(token);
  if (expiresAt === undefined) return false;
  const lifetime = issuedAt === undefined ? Number.POSITIVE_INFINITY : expiresAt - issuedAt;
  return now + Math.max(0, Math.min(skewMs, lifetime / 4)) < expiresAt;
}
