import { request } from 'node:http';
import {
  openExec,
  type RancherProxy,
  runPod,
  start,
  startRancherProxy,
  type TestCluster,
  UpgradeRefused,
} from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestBackend, type TestBackend, testContext } from './test-backend.ts';

const browserUserAgent =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';

/** A GET with the path sent exactly as written. */
function get(
  url: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(`${url}${path}`, { headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

function execPath(context: string, pod: string, command: string[]): string {
  const query = command.map((c) => `command=${encodeURIComponent(c)}`).join('&');
  return `/clusters/${context}/api/v1/namespaces/default/pods/${pod}/exec?${query}&stdout=true&stderr=true`;
}

describe('createClusterProxy against two real clusters and a Rancher-style front proxy', () => {
  let alpha: TestCluster;
  let beta: TestCluster;
  let rancher: RancherProxy;
  let backend: TestBackend;
  let ws: string;

  beforeAll(async () => {
    [alpha, beta] = await Promise.all([start({ name: 'alpha' }), start({ name: 'beta' })]);
    rancher = await startRancherProxy({ upstream: beta.server, caPem: beta.caPem });
    await Promise.all([
      runPod(alpha.client(), { name: 'shell', command: ['sleep', '3600'] }),
      runPod(beta.client(), { name: 'shell', command: ['sleep', '3600'] }),
      alpha.client().must('POST', '/api/v1/namespaces', { metadata: { name: 'only-alpha' } }),
      beta.client().must('POST', '/api/v1/namespaces', { metadata: { name: 'only-beta' } }),
    ]);
    backend = await startTestBackend({
      contexts: [
        testContext({ name: 'alpha', server: alpha.server, caPem: alpha.caPem, token: alpha.tokens.admin }),
        testContext({
          name: 'alpha-viewer',
          server: alpha.server,
          caPem: alpha.caPem,
          token: alpha.tokens.viewer,
        }),
        testContext({
          name: 'alpha-wrong-ca',
          server: alpha.server,
          caPem: beta.caPem,
          token: alpha.tokens.admin,
        }),
        testContext({ name: 'beta', server: beta.server, caPem: beta.caPem, token: beta.tokens.admin }),
        testContext({
          name: 'rancher',
          server: rancher.url,
          caPem: rancher.caPem,
          token: beta.tokens.admin,
          distribution: 'rancher',
        }),
        testContext({
          name: 'rancher-no-token',
          server: rancher.url,
          caPem: rancher.caPem,
          distribution: 'rancher',
        }),
        testContext({
          name: 'broken',
          server: alpha.server,
          caPem: alpha.caPem,
          error: 'user "nobody" is not defined',
        }),
      ],
    });
    ws = backend.url.replace('http:', 'ws:');
  });
  afterAll(async () => {
    await backend?.stop();
    await rancher?.stop();
    await Promise.all([alpha?.stop(), beta?.stop()]);
  });

  it("reaches each context's own cluster with that cluster's credentials", async () => {
    const a = await get(backend.url, '/clusters/alpha/api/v1/namespaces');
    const b = await get(backend.url, '/clusters/beta/api/v1/namespaces');
    const r = await get(backend.url, '/clusters/rancher/api/v1/namespaces');
    expect([a.status, b.status, r.status]).toEqual([200, 200, 200]);
    expect(a.body).toContain('"only-alpha"');
    expect(a.body).not.toContain('"only-beta"');
    expect(b.body).toContain('"only-beta"');
    expect(b.body).not.toContain('"only-alpha"');
    expect(r.body).toContain('"only-beta"');

    // The viewer context acts as the viewer: the API server's own 403 comes back unchanged.
    const secrets = await get(backend.url, '/clusters/alpha-viewer/api/v1/namespaces/default/secrets');
    expect(secrets.status).toBe(403);
    expect(JSON.parse(secrets.body)).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    expect(JSON.parse(secrets.body).message).toContain('User "viewer" cannot list resource "secrets"');
    expect((await get(backend.url, '/clusters/alpha/api/v1/namespaces/default/secrets')).status).toBe(200);
  });

  it("passes the API server's errors through and never forwards the browser's Authorization", async () => {
    const missing = await get(backend.url, '/clusters/alpha/api/v1/namespaces/nope');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({
      reason: 'NotFound',
      message: 'namespaces "nope" not found',
    });

    // The Rancher-style proxy answers 401 to any request without Authorization.
    const anonymous = await get(backend.url, '/clusters/rancher-no-token/api/v1/namespaces', {
      authorization: `Bearer ${beta.tokens.admin}`,
    });
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body)).toMatchObject({ kind: 'Status', message: 'must authenticate' });
  });

  it('runs exec the same way on alpha, beta and the Rancher-fronted cluster', async () => {
    // Control: sent straight to Rancher, this browser's handshake is refused.
    const direct = await openExec({
      url: `${rancher.url.replace('https:', 'wss:')}/api/v1/namespaces/default/pods/shell/exec?command=true&stdout=true`,
      token: beta.tokens.admin,
      caPem: rancher.caPem,
      headers: { Origin: backend.url, 'User-Agent': browserUserAgent },
    }).catch((e: unknown) => e);
    expect((direct as UpgradeRefused).status).toBe(403);

    for (const context of ['alpha', 'beta', 'rancher']) {
      const session = await openExec({
        url: `${ws}${execPath(context, 'shell', ['echo', `hello from ${context}`])}`,
        headers: { Origin: backend.url, 'User-Agent': browserUserAgent },
      });
      const outcome = await session.done;
      expect(outcome).toMatchObject({
        protocol: 'v4.channel.k8s.io',
        stdout: `hello from ${context}\n`,
        exitCode: 0,
      });
    }
  });

  it('turns a browser token in the subprotocol into Authorization and forwards the other protocols', async () => {
    const session = await openExec({
      url: `${ws}${execPath('rancher-no-token', 'shell', ['echo', 'via subprotocol'])}`,
      token: beta.tokens.admin,
      tokenInSubprotocol: true,
      headers: { Origin: backend.url, 'User-Agent': browserUserAgent },
    });
    expect(await session.done).toMatchObject({ protocol: 'v4.channel.k8s.io', stdout: 'via subprotocol\n' });

    // A context's own token wins over whatever the browser offers.
    const own = await openExec({
      url: `${ws}${execPath('alpha', 'shell', ['echo', 'own token'])}`,
      token: 'not-a-token',
      tokenInSubprotocol: true,
      headers: { Origin: backend.url },
    });
    expect(await own.done).toMatchObject({ stdout: 'own token\n', exitCode: 0 });
  });

  it('relays an upstream refusal of an upgrade with its status and body', async () => {
    const refused = openExec({ url: `${ws}${execPath('rancher-no-token', 'shell', ['true'])}` });
    const err = await refused.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UpgradeRefused);
    expect((err as UpgradeRefused).status).toBe(401);
    expect(JSON.parse((err as UpgradeRefused).body)).toMatchObject({ kind: 'Status', code: 401 });
  });

  it('answers an unknown cluster with a 404 Status, over HTTP and on upgrade', async () => {
    const res = await get(backend.url, '/clusters/nope/api/v1/namespaces');
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toMatchObject({
      kind: 'Status',
      code: 404,
      message: 'cluster "nope" not found',
    });
    const err = await openExec({ url: `${ws}${execPath('nope', 'shell', ['true'])}` }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UpgradeRefused);
    expect((err as UpgradeRefused).status).toBe(404);
    expect(JSON.parse((err as UpgradeRefused).body)).toMatchObject({ message: 'cluster "nope" not found' });
  });

  it('answers a context the kubeconfig leaves unusable with a 400 naming why', async () => {
    const res = await get(backend.url, '/clusters/broken/api/v1/namespaces');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).message).toBe(
      'context "broken" cannot be used: user "nobody" is not defined',
    );
  });

  it('answers a cluster whose certificate does not verify with a 502 naming the TLS problem', async () => {
    const res = await get(backend.url, '/clusters/alpha-wrong-ca/api/v1/namespaces');
    expect(res.status).toBe(502);
    expect(JSON.parse(res.body).message).toMatch(
      /^cluster "alpha-wrong-ca" \(.*\) is unreachable: TLS certificate problem: /,
    );
    expect(res.body).not.toContain(alpha.tokens.admin);
  });

  it('refuses an upgrade from a foreign Origin with a 403 Status and stays up', async () => {
    const err = await openExec({
      url: `${ws}${execPath('alpha', 'shell', ['true'])}`,
      headers: { Origin: 'https://evil.example' },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpgradeRefused);
    expect((err as UpgradeRefused).status).toBe(403);
    expect(JSON.parse((err as UpgradeRefused).body)).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    expect((await get(backend.url, '/healthz')).status).toBe(200);
  });

  it('allows an upgrade without Origin (a non-browser client)', async () => {
    const session = await openExec({ url: `${ws}${execPath('beta', 'shell', ['echo', 'no origin'])}` });
    expect(await session.done).toMatchObject({ stdout: 'no origin\n', exitCode: 0 });
  });

  it('ends an open exec tunnel with a close frame saying the context was removed', async () => {
    const socket = new WebSocket(
      `${ws}${execPath('alpha', 'shell', ['sleep', '60'])}`,
      ['v4.channel.k8s.io'],
      {
        headers: { Origin: backend.url },
      },
    );
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    expect(backend.proxy.closeContext('alpha', 'context "alpha" was removed from the kubeconfig')).toBe(1);
    expect(await closed).toEqual({ code: 4001, reason: 'context "alpha" was removed from the kubeconfig' });
    expect((await get(backend.url, '/healthz')).status).toBe(200);
  });
});
