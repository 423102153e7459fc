import { execFile } from 'node:child_process';
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
