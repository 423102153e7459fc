import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createGrantStore, isPkceMatch } from './oidc-grants.ts';

const verifier = 'v'.repeat(43);
const challenge = createHash('sha256').update(verifier).digest('base64url');
const code = {
  clientId: 'porthole',
  redirectUri: 'http://127.0.0.1:1/auth/oidc/callback',
  codeChallenge: challenge,
  sub: 'alice',
  groups: ['team-a'],
  nonce: 'n-1',
};

describe('isPkceMatch', () => {
  it('accepts the verifier the S256 challenge was made from, and nothing else', () => {
    expect(isPkceMatch(verifier, challenge)).toBe(true);
    expect(isPkceMatch('w'.repeat(43), challenge)).toBe(false);
    // The plain method (verifier === challenge) is not S256.
    expect(isPkceMatch(challenge, challenge)).toBe(false);
  });

  it('refuses verifiers outside RFC 7636 shape', () => {
    const short = 'v'.repeat(42);
    expect(isPkceMatch(short, createHash('sha256').update(short).digest('base64url'))).toBe(false);
  });
});

describe('createGrantStore', () => {
  it('redeems a code once, with its nonce, for the same client, redirect URI and verifier', () => {
    const grants = createGrantStore();
    const issued = grants.issueCode(code);
    const request = { clientId: 'porthole', redirectUri: code.redirectUri, verifier };
    expect(grants.redeemCode(issued, request)).toEqual({
      ok: true,
      subject: { sub: 'alice', groups: ['team-a'] },
      nonce: 'n-1',
    });
    expect(grants.redeemCode(issued, request)).toMatchObject({ ok: false, error: 'invalid_grant' });
  });

  it('refuses a code with another verifier, redirect URI or client, and burns it', () => {
    const grants = createGrantStore();
    const request = { clientId: 'porthole', redirectUri: code.redirectUri, verifier };
    const wrongVerifier = grants.issueCode(code);
    expect(grants.redeemCode(wrongVerifier, { ...request, verifier: 'x'.repeat(43) })).toMatchObject({
      ok: false,
      description: 'code_verifier does not match',
    });
    expect(grants.redeemCode(wrongVerifier, request).ok).toBe(false);
    const wrongRedirect = grants.issueCode(code);
    expect(grants.redeemCode(wrongRedirect, { ...request, redirectUri: 'http://127.0.0.1:2/cb' }).ok).toBe(
      false,
    );
    const wrongClient = grants.issueCode(code);
    expect(grants.redeemCode(wrongClient, { ...request, clientId: 'other' }).ok).toBe(false);
  });

  it('refuses a code after 60 s', () => {
    let now = 0;
    const grants = createGrantStore(() => now);
    const issued = grants.issueCode(code);
    now = 60_001;
    expect(
      grants.redeemCode(issued, { clientId: 'porthole', redirectUri: code.redirectUri, verifier }).ok,
    ).toBe(false);
  });

  it('rotates refresh tokens, counts refreshes per person and revokes a person’s tokens', () => {
    const grants = createGrantStore();
    const alice = grants.issueRefreshToken({ sub: 'alice', groups: ['team-a'] });
    const bob = grants.issueRefreshToken({ sub: 'bob', groups: ['team-b'] });
    expect(grants.redeemRefreshToken(alice)).toEqual({ sub: 'alice', groups: ['team-a'] });
    expect(grants.redeemRefreshToken(alice)).toBeUndefined();
    expect(grants.refreshCount('alice')).toBe(1);
    const again = grants.issueRefreshToken({ sub: 'alice', groups: ['team-a'] });
    expect(grants.revokeRefreshTokens('alice')).toBe(1);
    expect(grants.redeemRefreshToken(again)).toBeUndefined();
    expect(grants.redeemRefreshToken(bob)?.sub).toBe('bob');
    expect(grants.refreshCount()).toBe(2);
  });
});
