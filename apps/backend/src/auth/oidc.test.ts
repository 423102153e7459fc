import { describe, expect, it } from 'vitest';
import { CredentialFailure } from './credential-failure.ts';
import { createFileReader } from './file-reader.ts';
import { createOidcIdentity, type OidcIdentityOptions } from './oidc.ts';
import { OidcRefreshRefused, type OidcRefreshRequest } from './oidc-token-endpoint.ts';

const now = Date.parse('2030-01-01T00:00:00Z');
const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (expiresIn: number, sub = 'alice') =>
  `${part({ alg: 'RS256' })}.${part({ sub, exp: Math.floor(now / 1000) + expiresIn })}.c2ln`;
const issuer = {
  'idp-issuer-url': 'https://idp.example',
  'client-id': 'kubernetes',
  'client-secret': 's3cret',
};

function oidc(config: Record<string, string>, options: Partial<OidcIdentityOptions> = {}) {
  const requests: OidcRefreshRequest[] = [];
  const source = createOidcIdentity({
    userName: 'alice',
    source: '/home/alice/.kube/config',
    config,
    files: createFileReader(),
    now: () => now,
    refresh: async (request) => {
      requests.push(request);
      await new Promise((r) => setTimeout(r, 20));
      return { idToken: jwt(3600, `refreshed-${requests.length}`), refreshToken: `r${requests.length + 1}` };
    },
    ...options,
  });
  return { source, requests };
}

describe('createOidcIdentity', () => {
  it('uses a valid id-token without refreshing, even without a refresh token', async () => {
    const token = jwt(300);
    const { source, requests } = oidc({ 'id-token': token });
    expect(await source.get()).toEqual({ headers: { authorization: `Bearer ${token}` }, renewable: false });
    expect(requests).toHaveLength(0);
  });

  it('refreshes an expired id-token once for 20 concurrent callers and keeps the new tokens', async () => {
    const { source, requests } = oidc({ ...issuer, 'id-token': jwt(-60), 'refresh-token': 'r1' });
    const identities = await Promise.all(Array.from({ length: 20 }, () => source.get()));
    expect(requests).toEqual([
      {
        issuerUrl: 'https://idp.example',
        clientId: 'kubernetes',
        clientSecret: 's3cret',
        refreshToken: 'r1',
      },
    ]);
    expect(new Set(identities).size).toBe(1);
    expect(identities[0]?.renewable).toBe(true);
    expect(await source.get()).toBe(identities[0]);
    expect(requests).toHaveLength(1);
  });

  it('refreshes a token that expires within the skew', async () => {
    const { source, requests } = oidc({ ...issuer, 'id-token': jwt(5), 'refresh-token': 'r1' });
    await source.get();
    expect(requests).toHaveLength(1);
  });

  it('uses the rotated refresh token for the next refresh after a 401', async () => {
    const { source, requests } = oidc({ ...issuer, 'id-token': jwt(-60), 'refresh-token': 'r1' });
    const first = await source.get();
    source.invalidate(first);
    source.invalidate(first);
    await source.get();
    expect(requests.map((r) => r.refreshToken)).toEqual(['r1', 'r2']);
  });

  it('tells the user to log in again when the id-token expired and there is no refresh token', async () => {
    const { source } = oidc({ ...issuer, 'id-token': jwt(-60) });
    await expect(source.get()).rejects.toThrow(
      'the id-token of user "alice" expired and there is no refresh-token: log in again',
    );
  });

  it('tells the user to log in again when the API server rejected the token and it cannot be refreshed', async () => {
    const { source } = oidc({ 'id-token': jwt(300) });
    source.invalidate(await source.get());
    await expect(source.get()).rejects.toThrow(
      'the id-token of user "alice" was rejected by the API server and there is no refresh-token: log in again',
    );
  });

  it("passes on the IdP's refusal with 'log in again', and does not ask the IdP twice", async () => {
    let calls = 0;
    const { source } = oidc(
      { ...issuer, 'id-token': jwt(-60), 'refresh-token': 'dead' },
      {
        refresh: async () => {
          calls += 1;
          throw new OidcRefreshRefused('the identity provider refused the refresh (invalid_grant)');
        },
      },
    );
    const message =
      'the id-token of user "alice" expired and the identity provider refused the refresh (invalid_grant): log in again';
    await expect(source.get()).rejects.toThrow(message);
    await expect(source.get()).rejects.toThrow(message);
    expect(calls).toBe(1);
  });

  it('says why a refresh could not happen without asking to log in again', async () => {
    const { source } = oidc(
      { ...issuer, 'id-token': jwt(-60), 'refresh-token': 'r1' },
      {
        refresh: async () => {
          throw new CredentialFailure(
            'cannot connect to the identity provider https://idp.example: ECONNREFUSED',
          );
        },
      },
    );
    const failure = (await source.get().catch((err: unknown) => err)) as Error;
    expect(failure.message).toBe(
      'the id-token of user "alice" expired and could not be refreshed: ' +
        'cannot connect to the identity provider https://idp.example: ECONNREFUSED',
    );
  });

  it('needs the issuer and client id to refresh', async () => {
    const { source } = oidc({ 'id-token': 'not-a-jwt', 'refresh-token': 'r1' });
    await expect(source.get()).rejects.toThrow(
      'the id-token of user "alice" is not a JWT with an expiry and cannot be refreshed: idp-issuer-url and client-id must be set',
    );
  });

  it('passes the IdP CA from idp-certificate-authority-data and reports each refresh', async () => {
    const refreshed: unknown[] = [];
    const { source, requests } = oidc(
      {
        ...issuer,
        'refresh-token': 'r1',
        'idp-certificate-authority-data': Buffer.from('IDP-CA-PEM').toString('base64'),
      },
      { onRefreshed: (tokens) => refreshed.push(tokens) },
    );
    const identity = await source.get();
    expect(requests[0]?.caPem).toBe('IDP-CA-PEM');
    expect(refreshed).toEqual([{ idToken: identity.headers.authorization?.slice(7), refreshToken: 'r2' }]);
  });

  it('never puts a token in its error messages', async () => {
    const { source } = oidc({ 'id-token': jwt(-60), 'client-secret': 'the-secret' });
    const failure = (await source.get().catch((err: unknown) => err)) as Error;
    expect(failure.message).not.toContain(jwt(-60));
    expect(failure.message).not.toContain('the-secret');
  });
});
