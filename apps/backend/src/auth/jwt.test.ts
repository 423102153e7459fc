import { describe, expect, it } from 'vitest';
import { isJwtUsable, jwtTimes } from './jwt.ts';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: unknown) => `${part({ alg: 'RS256' })}.${part(claims)}.c2lnbmF0dXJl`;

describe('jwtTimes', () => {
  it('reads exp and iat as milliseconds', () => {
    expect(jwtTimes(jwt({ exp: 1_700_000_300, iat: 1_700_000_000, sub: 'a' }))).toEqual({
      expiresAt: 1_700_000_300_000,
      issuedAt: 1_700_000_000_000,
    });
  });

  it('returns nothing for a token that is not a JWT or has no numeric exp', () => {
    expect(jwtTimes('opaque-token')).toEqual({});
    expect(jwtTimes('a.b')).toEqual({});
    expect(jwtTimes(`${part({})}.!!!.sig`)).toEqual({});
    expect(jwtTimes(jwt('a string payload'))).toEqual({});
    expect(jwtTimes(jwt({ exp: '1700000300' }))).toEqual({});
  });
});

describe('isJwtUsable', () => {
  const now = 1_700_000_000_000;
  const at = (seconds: number) => Math.floor(now / 1000) + seconds;

  it('accepts a token whose exp is further away than the skew', () => {
    expect(isJwtUsable(jwt({ exp: at(60) }), now, 10_000)).toBe(true);
  });

  it('rejects a token that expires within the skew or already expired', () => {
    expect(isJwtUsable(jwt({ exp: at(5) }), now, 10_000)).toBe(false);
    expect(isJwtUsable(jwt({ exp: at(-1) }), now, 10_000)).toBe(false);
  });

  it('rejects a token without exp', () => {
    expect(isJwtUsable(jwt({ sub: 'a' }), now, 10_000)).toBe(false);
    expect(isJwtUsable('opaque', now, 10_000)).toBe(false);
  });

  it('shrinks the skew to a quarter of the lifetime of a short-lived token', () => {
    // Lives 8 s: usable until 2 s before exp, not refreshed on every call.
    const token = jwt({ iat: at(0), exp: at(8) });
    expect(isJwtUsable(token, now, 10_000)).toBe(true);
    expect(isJwtUsable(token, now + 5_900, 10_000)).toBe(true);
    expect(isJwtUsable(token, now + 6_000, 10_000)).toBe(false);
  });
});
