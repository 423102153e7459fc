import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isUnauthorized, type StatusError } from '@porthole/protocol';
import { waitFor } from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createCredentialProvider } from './credential-provider.ts';
import { contextFor, getWith, type OidcTestCluster, startOidcTestCluster } from './oidc-test-cluster.ts';

const namespaces = '/api/v1/namespaces';

describe('createCredentialProvider with an OIDC auth-provider against a real API server', () => {
  let env: OidcTestCluster;
  let dir: string;
  beforeAll(async () => {
    env = await startOidcTestCluster('oidc', ['alice', 'bob']);
    dir = await mkdtemp(join(tmpdir(), 'porthole-oidc-cluster-'));
  });
  afterAll(async () => {
    await env?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const oidcUser = (config: Record<string, string>) => ({
    authProvider: {
      name: 'oidc',
      config: {
        'idp-issuer-url': env.issuer.issuerUrl,
        'client-id': env.issuer.clientId,
        'client-secret': env.issuer.clientSecret,
        'idp-certificate-authority': env.issuer.caFile,
        ...config,
      },
    },
  });
  const failureOf = async (promise: Promise<unknown>) => {
    const err = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isUnauthorized(err)).toBe(true);
    return (err as StatusError).status.message ?? '';
  };

  it('uses a valid id-token without a refresh token, and the API server accepts it', async () => {
    const idToken = env.issuer.mintIdToken({ sub: 'alice', expiresIn: 300 });
    const creds = await createCredentialProvider().credentialsFor(
      contextFor(env.cluster, 'alice', oidcUser({ 'id-token': idToken })),
    );
    expect(creds.headers).toEqual({ authorization: `Bearer ${idToken}` });
    expect(creds.renewable).toBe(false);
    expect(await getWith(env.cluster.server, namespaces, creds)).toBe(200);
  });

  it('refreshes an expired id-token once for 20 concurrent callers, writes it back, and the new token works', async () => {
    const kubeconfig = join(dir, 'config');
    const expired = env.issuer.mintIdToken({ sub: 'bob', expiresIn: -60 });
    const refreshToken = env.issuer.issueRefreshToken({ sub: 'bob', expiresIn: 300 });
    const user = oidcUser({ 'id-token': expired, 'refresh-token': refreshToken });
    await writeFile(
      kubeconfig,
      `apiVersion: v1\nkind: Config\n# Bob's login\nusers:\n- name: bob\n  user:\n    auth-provider: ${JSON.stringify(user.authProvider)}\n`,
    );
    const provider = createCredentialProvider({ writeBackRefreshedTokens: true });
    const context = contextFor(env.cluster, 'bob', user, kubeconfig);
    // The expired token really is refused upstream.
    const stale = await provider.credentialsFor(contextFor(env.cluster, 'stale', { token: expired }));
    expect(await getWith(env.cluster.server, namespaces, stale)).toBe(401);

    const before = env.issuer.refreshCount;
    const all = await Promise.all(Array.from({ length: 20 }, () => provider.credentialsFor(context)));
    expect(env.issuer.refreshCount - before).toBe(1);
    const header = all[0]?.headers.authorization ?? '';
    expect(all.every((c) => c.headers.authorization === header)).toBe(true);
    expect(header).not.toBe(`Bearer ${expired}`);
    expect(all[0]?.renewable).toBe(true);
    expect(await getWith(env.cluster.server, namespaces, all[0]!)).toBe(200);
    // Later requests keep using the refreshed token.
    await provider.credentialsFor(context);
    expect(env.issuer.refreshCount - before).toBe(1);

    // Written back in the background, without holding up the request.
    const config = await waitFor('the refreshed tokens in the kubeconfig', async () => {
      const written = parse(await readFile(kubeconfig, 'utf8'));
      const found = written.users[0].user['auth-provider'].config;
      return `Bearer ${found['id-token']}` === header && found;
    });
    expect(config['refresh-token']).not.toBe(refreshToken);
    expect(await readFile(kubeconfig, 'utf8')).toContain("# Bob's login");
  });

  it('is a 401 "log in again" when the id-token expired and there is no refresh token', async () => {
    const expired = env.issuer.mintIdToken({ sub: 'alice', expiresIn: -60 });
    const message = await failureOf(
      createCredentialProvider().credentialsFor(
        contextFor(env.cluster, 'alice', oidcUser({ 'id-token': expired })),
      ),
    );
    expect(message).toBe(
      'cannot authenticate to context "alice@oidc" as user "alice": ' +
        'the id-token of user "alice" expired and there is no refresh-token: log in again',
    );
    expect(message).not.toContain(expired);
  });

  it("is a 401 'log in again' with the IdP's error when the refresh token is refused", async () => {
    const expired = env.issuer.mintIdToken({ sub: 'alice', expiresIn: -60 });
    const context = contextFor(
      env.cluster,
      'alice',
      oidcUser({ 'id-token': expired, 'refresh-token': 'revoked' }),
    );
    const message = await failureOf(createCredentialProvider().credentialsFor(context));
    expect(message).toBe(
      'cannot authenticate to context "alice@oidc" as user "alice": the id-token of user "alice" expired and ' +
        'the identity provider refused the refresh (invalid_grant): log in again',
    );
  });
});
