import { type OidcIssuer, startOidcIssuer } from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdTokenVerifier, IdTokenRefused } from './id-token.ts';
import { createIssuerFetch } from './issuer-fetch.ts';

describe('createIdTokenVerifier', () => {
  let issuer: OidcIssuer;
  beforeAll(async () => {
    issuer = await startOidcIssuer();
  });
  afterAll(async () => {
    await issuer?.stop();
  });
  const verifier = (overrides: { issuer?: string; clientId?: string } = {}) =>
    createIdTokenVerifier({
      issuer: overrides.issuer ?? issuer.issuerUrl,
      clientId: overrides.clientId ?? issuer.clientId,
      jwksUri: `${issuer.issuerUrl}/keys`,
      fetch: createIssuerFetch({ caPem: issuer.caPem }),
    });
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'accepted',
      (err: unknown) => (err instanceof IdTokenRefused ? err.message : `other: ${String(err)}`),
    );

  it('accepts the issuer’s token and returns its subject, groups, times and nonce', async () => {
    const token = issuer.mintIdToken({ sub: 'alice', groups: ['team-a'], nonce: 'n-1', expiresIn: 60 });
    const claims = await verifier()(token, 'n-1');
    expect(claims).toMatchObject({ sub: 'alice', groups: ['team-a'], nonce: 'n-1' });
    expect(claims.expiresAt - claims.issuedAt).toBe(60);
  });

  it('refuses a wrong nonce, audience, issuer, an expired token, alg none and a changed payload', async () => {
    const token = issuer.mintIdToken({ sub: 'alice', nonce: 'n-1', expiresIn: 60 });
    expect(await refusal(verifier()(token, 'n-2'))).toContain('nonce');
    expect(await refusal(verifier({ clientId: 'someone-else' })(token))).toContain('aud');
    expect(await refusal(verifier({ issuer: 'https://evil.example' })(token))).toContain('iss');
    expect(await refusal(verifier()(issuer.mintIdToken({ sub: 'alice', expiresIn: -60 })))).toContain('exp');
    const [, payload] = token.split('.');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    expect(await refusal(verifier()(none))).toMatch(/not valid/);
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const promoted = Buffer.from(JSON.stringify({ ...claims, groups: ['system:masters'] })).toString(
      'base64url',
    );
    const [head, , signature] = token.split('.');
    expect(await refusal(verifier()(`${head}.${promoted}.${signature}`))).toContain('signature');
  });
});
