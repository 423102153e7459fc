import { type OidcIssuer, startHungServer, startOidcIssuer } from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIssuerFetch } from './issuer-fetch.ts';
import { createOidcClient, OidcFailure } from './oidc-client.ts';

describe('createOidcClient failures', () => {
  let issuer: OidcIssuer;
  beforeAll(async () => {
    issuer = await startOidcIssuer();
  });
  afterAll(async () => {
    await issuer?.stop();
  });
  const clientOf = (issuerUrl: string) =>
    createOidcClient({
      issuerUrl,
      clientId: issuer.clientId,
      clientSecret: issuer.clientSecret,
      scopes: ['openid'],
      redirectUri: 'http://127.0.0.1:4466/auth/oidc/callback',
      fetch: createIssuerFetch({ caPem: issuer.caPem }),
    });
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (err: unknown) => err,
    );

  it('calls a refused refresh a refusal (only a new login helps)', async () => {
    const err = await failureOf(clientOf(issuer.issuerUrl).refresh('unknown-refresh-token'));
    expect(err).toBeInstanceOf(OidcFailure);
    expect((err as OidcFailure).refused).toBe(true);
    expect((err as Error).message).toBe('the session could not be renewed: the issuer said invalid_grant');
  });

  it('does not call an unreachable issuer a refusal, so the refresh is tried again later', async () => {
    const err = await failureOf(clientOf('https://127.0.0.1:9').refresh('any'));
    expect(err).toBeInstanceOf(OidcFailure);
    expect((err as OidcFailure).refused).toBe(false);
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
  });

  it('does not call an issuer that never answers a refusal either (a timeout)', async () => {
    const hung = await startHungServer({ behaviour: 'no-headers' });
    try {
      const client = createOidcClient({
        issuerUrl: hung.server,
        clientId: 'porthole',
        scopes: ['openid'],
        redirectUri: 'http://127.0.0.1:4466/auth/oidc/callback',
        fetch: createIssuerFetch({ caPem: hung.caPem, timeoutMs: 300 }),
      });
      const err = await failureOf(client.refresh('any'));
      expect((err as OidcFailure).refused).toBe(false);
      expect((err as Error).message).toMatch(/ETIMEDOUT: the issuer did not answer within 0.3 s/);
    } finally {
      await hung.close();
    }
  });
});
