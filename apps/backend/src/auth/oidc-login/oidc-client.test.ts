import { type OidcIssuer, startOidcIssuer } from '@porthole/testcluster';
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
});
