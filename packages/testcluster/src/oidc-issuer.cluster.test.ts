import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:https';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type TestCluster } from './cluster.ts';
import { createKubeClient } from './kube-client.ts';
import { type OidcIssuer, startOidcIssuer } from './oidc-issuer.ts';
import { execCredentialPluginScript } from './paths.ts';
import { waitFor } from './wait.ts';

describe('startOidcIssuer', () => {
  let oidc: OidcIssuer;
  let cluster: TestCluster;
  beforeAll(async () => {
    oidc = await startOidcIssuer();
    cluster = await start({
      name: 'oidc',
      apiserverFlags: oidc.apiserverFlags,
      kubelet: false,
      controllerManager: false,
    });
  });
  afterAll(async () => {
    await cluster?.stop();
    await oidc?.stop();
  });

  const whoCanList = (token: string) =>
    createKubeClient({ server: cluster.server, caPem: cluster.caPem, token });

  it('mints id-tokens the real API server accepts, and rejects expired ones', async () => {
    // The API server fetches the issuer's keys in the background after start-up.
    const valid = whoCanList(oidc.mintIdToken({ sub: 'alice', expiresIn: 120 }));
    const res = await waitFor('the API server to accept an OIDC token', async () => {
      const r = await valid.request('GET', '/api/v1/namespaces');
      return r.status !== 401 && r;
    });
    // Authenticated as oidc:alice, who has no RBAC grants yet.
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).toContain('oidc:alice');
    const expired = whoCanList(oidc.mintIdToken({ sub: 'alice', expiresIn: -60 }));
    expect((await expired.request('GET', '/api/v1/namespaces')).status).toBe(401);
    valid.close();
    expired.close();
  });

  it('exchanges a refresh token once for a new id-token', async () => {
    const refresh = oidc.issueRefreshToken({ sub: 'bob', expiresIn: 60 });
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refresh,
      client_id: oidc.clientId,
    });
    const call = () =>
      new Promise<{ status: number; body: { id_token?: string; error?: string } }>((resolve, reject) => {
        const req = request(
          `${oidc.issuerUrl}/token`,
          {
            method: 'POST',
            ca: oidc.caPem,
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
          },
        );
        req.on('error', reject);
        req.end(body.toString());
      });
    const first = await call();
    expect(first.status).toBe(200);
    expect(first.body.id_token?.split('.')).toHaveLength(3);
    expect(oidc.refreshCount).toBe(1);
    const again = await call();
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
  });

  /** One HTTPS request to the issuer, trusting its CA. */
  const call = (method: string, url: string, body?: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; location?: string; text: string }>((resolve, reject) => {
      const req = request(url, { method, ca: oidc.caPem, headers }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text,
            ...(res.headers.location ? { location: res.headers.location } : {}),
          }),
        );
      });
      req.on('error', reject);
      req.end(body);
    });
  const form = { 'Content-Type': 'application/x-www-form-urlencoded' };

  it('signs alice in through the form (code + PKCE + nonce) with a groups claim the API server uses', async () => {
    const admin = cluster.client('admin');
    await admin.must('POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', {
      metadata: { name: 'team-a-namespace-reader' },
      rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['list'] }],
    });
    await admin.must('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      metadata: { name: 'team-a-namespace-reader' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'team-a-namespace-reader',
      },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'oidc:team-a' }],
    });
    const verifier = randomBytes(32).toString('base64url');
    const redirectUri = 'http://127.0.0.1:4466/auth/oidc/callback';
    const params = new URLSearchParams({
      response_type: 'code',
      client_id: oidc.clientId,
      redirect_uri: redirectUri,
      scope: 'openid groups',
      state: 'state-1',
      nonce: 'nonce-1',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    const page = await call('GET', `${oidc.issuerUrl}/auth?${params}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Sign in');
    const wrong = await call(
      'POST',
      `${oidc.issuerUrl}/auth`,
      `${params}&username=alice&password=nope`,
      form,
    );
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Wrong username or password.');
    const alice = oidc.users.find((u) => u.username === 'alice');
    const signIn = `${params}&${new URLSearchParams({ username: 'alice', password: alice?.password ?? '' })}`;
    const signedIn = await call('POST', `${oidc.issuerUrl}/auth`, signIn, form);
    expect(signedIn.status).toBe(302);
    const back = new URL(signedIn.location ?? '');
    expect(back.origin + back.pathname).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('state-1');
    const exchange = (verifierSent: string, code: string) =>
      call(
        'POST',
        `${oidc.issuerUrl}/token`,
        new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
          code_verifier: verifierSent,
          client_id: oidc.clientId,
          client_secret: oidc.clientSecret,
        }).toString(),
        form,
      );
    const code = back.searchParams.get('code') ?? '';
    // A wrong verifier burns the code: a stolen code is useless without the verifier.
    expect((await exchange(randomBytes(32).toString('base64url'), code)).status).toBe(400);
    const again = await call('POST', `${oidc.issuerUrl}/auth`, signIn, form);
    const tokens = await exchange(verifier, new URL(again.location ?? '').searchParams.get('code') ?? '');
    expect(tokens.status).toBe(200);
    const body = JSON.parse(tokens.text) as { id_token: string; refresh_token: string };
    const claims = JSON.parse(
      Buffer.from(body.id_token.split('.')[1] ?? '', 'base64url').toString(),
    ) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: 'alice', groups: ['team-a'], nonce: 'nonce-1', aud: oidc.clientId });
    // Allowed through the group binding alone: the API server reads the groups claim.
    const client = whoCanList(body.id_token);
    const res = await waitFor('the API server to accept the id-token', async () => {
      const r = await client.request('GET', '/api/v1/namespaces');
      return r.status !== 401 && r;
    });
    client.close();
    expect(res.status).toBe(200);
    // Bob (team-b) is not in the group.
    const bob = whoCanList(oidc.mintIdToken({ sub: 'bob', groups: ['team-b'] }));
    expect((await bob.request('GET', '/api/v1/namespaces')).status).toBe(403);
    bob.close();
    // The refresh token works until alice's tokens are revoked.
    const refresh = (token: string) =>
      call(
        'POST',
        `${oidc.issuerUrl}/token`,
        new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: token,
          client_id: oidc.clientId,
        }).toString(),
        form,
      );
    const refreshed = await refresh(body.refresh_token);
    expect(refreshed.status).toBe(200);
    expect(oidc.refreshCountFor('alice')).toBe(1);
    const next = (JSON.parse(refreshed.text) as { refresh_token: string }).refresh_token;
    expect(oidc.revokeRefreshTokens('alice')).toBe(1);
    expect(JSON.parse((await refresh(next)).text)).toMatchObject({ error: 'invalid_grant' });
  });

  it('issues id-tokens with the lifetime set for a person', async () => {
    oidc.setIdTokenLifetime(7, 'carol');
    const claims = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
        iat: number;
        exp: number;
      };
    const carol = claims(oidc.mintIdToken({ sub: 'carol' }));
    expect(carol.exp - carol.iat).toBe(7);
    const dave = claims(oidc.mintIdToken({ sub: 'dave' }));
    expect(dave.exp - dave.iat).toBe(300);
    const answer = await call('GET', `${oidc.issuerUrl}/test/refresh-count?sub=alice`);
    expect(JSON.parse(answer.text)).toEqual({ count: 1 });
  });

  it('backs the exec credential plugin fixture with tokens the API server accepts', async () => {
    const { stdout } = await promisify(execFile)(execCredentialPluginScript, [
      '--issuer',
      oidc.issuerUrl,
      '--ca',
      oidc.caFile,
      '--sub',
      'carol',
      '--expires-in',
      '60',
    ]);
    const credential = JSON.parse(stdout) as {
      kind: string;
      status: { token: string; expirationTimestamp: string };
    };
    expect(credential.kind).toBe('ExecCredential');
    expect(Date.parse(credential.status.expirationTimestamp)).toBeGreaterThan(Date.now());
    const client = whoCanList(credential.status.token);
    const res = await client.request('GET', '/api/v1/namespaces');
    client.close();
    expect(res.status).toBe(403); // authenticated as oidc:carol, no grants
    expect(JSON.stringify(res.body)).toContain('oidc:carol');
  });
});
