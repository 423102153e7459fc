import { createServer } from 'node:net';
import { type OidcIssuer, startOidcIssuer } from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialFailure } from './credential-failure.ts';
import { jwtTimes } from './jwt.ts';
import { OidcRefreshRefused, refreshOidcTokens } from './oidc-token-endpoint.ts';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('refreshOidcTokens', () => {
  let issuer: OidcIssuer;
  beforeAll(async () => {
    issuer = await startOidcIssuer();
  });
  afterAll(async () => {
    await issuer?.stop();
  });

  it('finds the token endpoint by discovery and returns the new tokens', async () => {
    const refreshToken = issuer.issueRefreshToken({ sub: 'alice', expiresIn: 120 });
    const tokens = await refreshOidcTokens({
      issuerUrl: `${issuer.issuerUrl}/`,
      clientId: issuer.clientId,
      clientSecret: issuer.clientSecret,
      refreshToken,
      caPem: issuer.caPem,
    });
    expect(jwtTimes(tokens.idToken).expiresAt).toBeGreaterThan(Date.now() + 100_000);
    expect(tokens.refreshToken).toMatch(/^[0-9a-f]{32}$/);
    expect(tokens.refreshToken).not.toBe(refreshToken);
  });

  it("rejects with the IdP's error when it refuses the grant", async () => {
    const failure = await refreshOidcTokens({
      issuerUrl: issuer.issuerUrl,
      clientId: issuer.clientId,
      refreshToken: 'unknown',
      caPem: issuer.caPem,
    }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(OidcRefreshRefused);
    expect((failure as Error).message).toBe('the identity provider refused the refresh (invalid_grant)');
  });

  it('does not trust the IdP without its CA', async () => {
    const failure = await refreshOidcTokens({
      issuerUrl: issuer.issuerUrl,
      clientId: issuer.clientId,
      refreshToken: 'r',
    }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(CredentialFailure);
    expect((failure as Error).message).toMatch(
      /^cannot connect to the identity provider https:\/\/127\.0\.0\.1:\d+: /,
    );
  });

  it('says when the IdP is unreachable', async () => {
    const url = `https://127.0.0.1:${await closedPort()}`;
    await expect(refreshOidcTokens({ issuerUrl: url, clientId: 'c', refreshToken: 'r' })).rejects.toThrow(
      `cannot connect to the identity provider ${url}: ECONNREFUSED`,
    );
  });

  it('refuses to send a refresh token over plain http', async () => {
    await expect(
      refreshOidcTokens({ issuerUrl: 'http://idp.example', clientId: 'c', refreshToken: 'r' }),
    ).rejects.toThrow('the idp-issuer-url http://idp.example is not https');
  });
});
