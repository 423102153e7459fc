import { createServer, request } from 'node:http';
import { connect } from 'node:net';
import { StatusError } from '@porthole/protocol';
import { openExec, start, type TestCluster, UpgradeRefused } from '@porthole/testcluster';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialProvider, UpstreamCredentials } from '../auth/upstream-credentials.ts';
import { createErrorHandler } from '../server/errors.ts';
import { startTestBackend, staticTokenCredentials, type TestBackend, testContext } from './test-backend.ts';

/** A request sent with its path exactly as written; the body in the given chunks (chunked without a length). */
function send(
  url: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; chunks?: string[] } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    // Options rather than a URL string: a URL string would resolve `..` before sending.
    const { hostname, port } = new URL(url);
    const init = { hostname, port, path, method: options.method ?? 'GET', headers: options.headers ?? {} };
    const req = request(init, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

/** A tiny HTTP CONNECT proxy that records the targets it tunnels to. */
async function startConnectProxy(): Promise<{ url: string; tunnels: string[]; stop(): Promise<void> }> {
  const tunnels: string[] = [];
  const server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client, head) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host ?? '', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Credentials that start out rejected by the API server and are renewed on `invalidate`. */
function renewingCredentials(goodToken: string, caPem: string) {
  const state = { token: 'expired-token', issued: 0, invalidated: 0 };
  const provider: CredentialProvider = {
    async credentialsFor(): Promise<UpstreamCredentials> {
      state.issued++;
      return {
        headers: { Authorization: `Bearer ${state.token}` },
        tls: { ca: caPem, rejectUnauthorized: true },
        renewable: true,
      };
    },
    invalidate() {
      state.invalidated++;
      state.token = goodToken;
    },
  };
  return {
    state,
    provider,
    expire: () => Object.assign(state, { token: 'expired-token', issued: 0, invalidated: 0 }),
  };
}

const json = { 'content-type': 'application/json' };
const configMap = (name: string) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });

describe('the cluster proxy handling requests against a real cluster', () => {
  let cluster: TestCluster;
  let backend: TestBackend;
  let connectProxy: Awaited<ReturnType<typeof startConnectProxy>>;
  let renewing: ReturnType<typeof renewingCredentials>;
  const failure = 'exec plugin "aws" failed: An error occurred (ExpiredToken)';

  beforeAll(async () => {
    cluster = await start({ name: 'delta', kubelet: false, controllerManager: false });
    connectProxy = await startConnectProxy();
    renewing = renewingCredentials(cluster.tokens.admin, cluster.caPem);
    const fixed = staticTokenCredentials();
    const credentials: CredentialProvider = {
      credentialsFor(context) {
        if (context.name === 'renewing') return renewing.provider.credentialsFor(context);
        if (context.name === 'failing') return Promise.reject(StatusError.unauthorized(failure));
        return fixed.credentialsFor(context);
      },
      invalidate: (context, used) => renewing.provider.invalidate(context, used),
    };
    const { server, caPem } = cluster;
    const token = cluster.tokens.admin;
    backend = await startTestBackend({
      credentials,
      contexts: [
        testContext({ name: 'delta', server, caPem, token }),
        testContext({ name: 'proxied', server, caPem, token, proxyUrl: connectProxy.url }),
        testContext({ name: 'renewing', server, caPem }),
        testContext({ name: 'failing', server, caPem }),
      ],
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await connectProxy?.stop();
    await cluster?.stop();
  });

  const configMaps = '/clusters/delta/api/v1/namespaces/default/configmaps';

  it('refuses a POST without the CSRF header with a 403 saying what to send, and creates nothing', async () => {
    const res = await send(backend.url, configMaps, {
      method: 'POST',
      headers: json,
      chunks: [configMap('csrf')],
    });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', code: 403, reason: 'Forbidden' });
    expect(JSON.parse(res.body).message).toContain('X-Porthole-Request: 1');
    const crossSite = { ...json, 'sec-fetch-site': 'cross-site' };
    expect((await send(backend.url, configMaps, { method: 'POST', headers: crossSite })).status).toBe(403);
    expect((await send(backend.url, `${configMaps}/csrf`)).status).toBe(404);
  });

  it('creates with the CSRF header (201) or from the same origin, and deletes likewise', async () => {
    const marked = { ...json, 'x-porthole-request': '1' };
    expect(
      (await send(backend.url, configMaps, { method: 'POST', headers: marked, chunks: [configMap('a')] }))
        .status,
    ).toBe(201);
    const sameOrigin = { ...json, 'sec-fetch-site': 'same-origin' };
    expect(
      (await send(backend.url, configMaps, { method: 'POST', headers: sameOrigin, chunks: [configMap('b')] }))
        .status,
    ).toBe(201);
    expect((await send(backend.url, `${configMaps}/a`, { method: 'DELETE' })).status).toBe(403);
    expect((await send(backend.url, `${configMaps}/a`, { method: 'DELETE', headers: marked })).status).toBe(
      200,
    );
  });

  it.each([
    '/clusters/delta/../delta/api/v1/namespaces',
    '/clusters/delta/api/%2e%2e/%2E%2E/version',
    '/clusters/delta/api/v1/namespaces%2Fkube-system',
    '/clusters/delta/api/v1/..%2f..%2fversion',
    '/clusters/%2e%2e/api',
  ])('refuses the traversal %s with a 400 Status and stays up', async (path) => {
    const res = await send(backend.url, path);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', code: 400, reason: 'BadRequest' });
    const upgrade = await send(backend.url, path, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    expect(upgrade.status).toBe(400);
    expect(JSON.parse(upgrade.body)).toMatchObject({ kind: 'Status', code: 400 });
    expect((await send(backend.url, '/healthz')).status).toBe(200);
  });

  it('tunnels through the context proxy-url with CONNECT', async () => {
    const res = await send(backend.url, '/clusters/proxied/api/v1/namespaces/default');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ kind: 'Namespace', metadata: { name: 'default' } });
    expect(connectProxy.tunnels).toEqual([new URL(cluster.server).host]);
  });

  it('renews the credentials once after a 401 and retries a request without or with a small body', async () => {
    renewing.expire();
    expect((await send(backend.url, '/clusters/renewing/api/v1/namespaces/default')).status).toBe(200);
    expect(renewing.state).toMatchObject({ issued: 2, invalidated: 1 });

    renewing.expire();
    const path = '/clusters/renewing/api/v1/namespaces/default/configmaps';
    const body = configMap('renewed');
    const headers = { ...json, 'x-porthole-request': '1', 'content-length': String(body.length) };
    expect((await send(backend.url, path, { method: 'POST', headers, chunks: [body] })).status).toBe(201);
    expect(renewing.state).toMatchObject({ issued: 2, invalidated: 1 });
  });

  it('does not retry a streamed upload: the 401 comes back as the API server sent it', async () => {
    renewing.expire();
    const path = '/clusters/renewing/api/v1/namespaces/default/configmaps';
    const body = configMap('streamed');
    const res = await send(backend.url, path, {
      method: 'POST',
      headers: { ...json, 'x-porthole-request': '1' },
      chunks: [body.slice(0, 10), body.slice(10)],
    });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', code: 401, reason: 'Unauthorized' });
    expect(renewing.state).toMatchObject({ issued: 1, invalidated: 0 });
  });

  it("passes the credential provider's 401 through, over HTTP and on upgrade", async () => {
    const res = await send(backend.url, '/clusters/failing/api/v1/namespaces');
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', code: 401, message: failure });
    const err = await openExec({
      url: `${backend.url.replace('http:', 'ws:')}/clusters/failing/api/v1/namespaces/default/pods/p/exec?command=true`,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpgradeRefused);
    expect((err as UpgradeRefused).status).toBe(401);
    expect(JSON.parse((err as UpgradeRefused).body)).toMatchObject({ message: failure });
  });

  it('proxies the same through app.request(), without Node bindings', async () => {
    const app = new Hono();
    app.onError(createErrorHandler(() => {}));
    app.route('/clusters', backend.proxy.routes);
    const read = await app.request('/clusters/delta/api/v1/namespaces/default');
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ kind: 'Namespace', metadata: { name: 'default' } });
    const created = await app.request(configMaps, {
      method: 'POST',
      headers: { ...json, 'x-porthole-request': '1' },
      body: configMap('via-web'),
    });
    expect(created.status).toBe(201);
    const missing = await app.request(`${configMaps}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ kind: 'Status', message: 'configmaps "nope" not found' });
  });
});
