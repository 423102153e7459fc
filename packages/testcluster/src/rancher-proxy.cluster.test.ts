import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type TestCluster } from './cluster.ts';
import { openExec, UpgradeRefused } from './exec-client.ts';
import type { KubeClient } from './kube-client.ts';
import { type RancherProxy, startRancherProxy } from './rancher-proxy.ts';

const clusterId = 'c-m-abc123';

async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const value = await check().catch((err: unknown) => {
      last = err;
      return undefined;
    });
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** Creates a pod in `default` and waits until the stand-in runs it. */
async function runPod(client: KubeClient, name: string, script: string): Promise<void> {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      terminationGracePeriodSeconds: 1,
      containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', script] }],
    },
  };
  // Right after start the namespace's ServiceAccount (or its token) may not exist yet: admission refuses
  // the pod until it does.
  await waitUntil(`pod ${name} created`, async () => {
    const res = await client.request('POST', '/api/v1/namespaces/default/pods', pod);
    if (res.status === 201 || res.status === 409) return true;
    if (/service ?account/i.test(JSON.stringify(res.body))) return undefined;
    throw new Error(`POST pod ${name} -> ${res.status}: ${JSON.stringify(res.body)}`);
  });
  await waitUntil(`pod ${name} running`, async () => {
    const got = await client.must<{ status?: { phase?: string } }>(
      'GET',
      `/api/v1/namespaces/default/pods/${name}`,
    );
    return got.status?.phase === 'Running' ? true : undefined;
  });
}

function get(url: string, caPem: string, token?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = token ? { Authorization: `Bearer ${token}` } : {};
    const req = request(url, { ca: caPem, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A streaming GET: what has arrived so far, and whether the response has ended. */
function openStream(url: string, caPem: string, token: string) {
  const state = { text: '', ended: false, status: 0 };
  const req = request(url, { ca: caPem, headers: { Authorization: `Bearer ${token}` }, agent: false });
  req.on('response', (res: IncomingMessage) => {
    state.status = res.statusCode ?? 0;
    res.setEncoding('utf8');
    res.on('data', (c: string) => (state.text += c));
    res.on('end', () => (state.ended = true));
    res.on('error', () => (state.ended = true));
  });
  req.on('error', () => (state.ended = true));
  req.end();
  return { state, close: () => req.destroy() };
}

describe('startRancherProxy', () => {
  let cluster: TestCluster;
  let proxy: RancherProxy;
  let token: string;
  const execUrl = (pod: string, command: string[]) =>
    `${proxy.url.replace(/^https/, 'wss')}/api/v1/namespaces/default/pods/${pod}/exec?` +
    `${command.map((c) => `command=${encodeURIComponent(c)}`).join('&')}&stdout=true&stderr=true`;

  beforeAll(async () => {
    cluster = await start({ name: 'rancher' });
    token = cluster.tokens.admin;
    proxy = await startRancherProxy({ upstream: cluster.server, caPem: cluster.caPem, clusterId });
    const admin = cluster.client('admin');
    await Promise.all([
      runPod(admin, 'shell', 'sleep 3600'),
      runPod(admin, 'writer', 'echo first; while [ ! -e next ]; do sleep 0.1; done; echo second; sleep 3600'),
    ]);
  });

  afterAll(async () => {
    await proxy?.stop();
    await cluster?.stop();
  });

  it('serves the API under /k8s/clusters/<id>/ to a request with an Authorization header', async () => {
    expect(proxy.url).toBe(`https://127.0.0.1:${proxy.port}/k8s/clusters/${clusterId}`);
    const res = await get(`${proxy.url}/api/v1/namespaces`, proxy.caPem, token);
    expect(res.status).toBe(200);
    const list = JSON.parse(res.body) as { kind: string; items: { metadata: { name: string } }[] };
    expect(list.kind).toBe('NamespaceList');
    expect(list.items.map((n) => n.metadata.name)).toContain('default');
  });

  it('answers 404 outside /k8s/clusters/<id>/', async () => {
    const origin = `https://127.0.0.1:${proxy.port}`;
    for (const path of [
      '/api/v1/namespaces',
      '/k8s/clusters/c-m-other/api/v1/namespaces',
      `/k8s/clusters/${clusterId}x/api`,
    ]) {
      expect((await get(`${origin}${path}`, proxy.caPem, token)).status).toBe(404);
    }
  });

  it('answers 401 with a Status to a request without an Authorization header', async () => {
    const res = await get(`${proxy.url}/api/v1/namespaces`, proxy.caPem);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', status: 'Failure', code: 401 });
  });

  it('leaves the token to the API server, which rejects a wrong one', async () => {
    const res = await get(`${proxy.url}/api/v1/namespaces`, proxy.caPem, 'not-a-token');
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', reason: 'Unauthorized' });
  });

  it('proxies a WebSocket exec with an Authorization header, exit codes included', async () => {
    const hello = await openExec({ url: execUrl('shell', ['echo', 'hello']), token, caPem: proxy.caPem });
    expect(hello.protocol).toBe('v4.channel.k8s.io');
    expect(await hello.done).toMatchObject({ stdout: 'hello\n', exitCode: 0 });
    const exit3 = await openExec({
      url: execUrl('shell', ['sh', '-c', 'exit 3']),
      token,
      caPem: proxy.caPem,
    });
    expect((await exit3.done).exitCode).toBe(3);
  });

  it('answers 401 to a WebSocket upgrade whose token is only in the subprotocol', async () => {
    const opening = openExec({
      url: execUrl('shell', ['echo', 'hi']),
      token,
      tokenInSubprotocol: true,
      caPem: proxy.caPem,
    });
    const refused = await opening.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(UpgradeRefused);
    expect((refused as UpgradeRefused).status).toBe(401);
    expect(JSON.parse((refused as UpgradeRefused).body)).toMatchObject({ kind: 'Status', code: 401 });
  });

  it('answers 403 origin not allowed to a browser WebSocket from a foreign origin', async () => {
    const headers = {
      'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120',
      Origin: 'https://evil.example',
    };
    const refused = await openExec({
      url: execUrl('shell', ['echo', 'hi']),
      token,
      caPem: proxy.caPem,
      headers,
    }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(UpgradeRefused);
    expect(refused).toMatchObject({ status: 403, body: 'origin not allowed' });
  });

  it('allows a browser WebSocket whose Origin is its Host', async () => {
    const headers = {
      'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120',
      Origin: `https://127.0.0.1:${proxy.port}`,
    };
    const session = await openExec({
      url: execUrl('shell', ['echo', 'same origin']),
      token,
      caPem: proxy.caPem,
      headers,
    });
    expect(await session.done).toMatchObject({ stdout: 'same origin\n', exitCode: 0 });
  });

  it('streams a followed log as the container prints it', async () => {
    const stream = openStream(
      `${proxy.url}/api/v1/namespaces/default/pods/writer/log?follow=true`,
      proxy.caPem,
      token,
    );
    try {
      await waitUntil(
        'the first line',
        async () => (stream.state.text.includes('first\n') ? true : undefined),
        10_000,
      );
      expect(stream.state.status).toBe(200);
      expect(stream.state.text).not.toContain('second');
      // The container prints its second line only once this file exists.
      const touch = await openExec({ url: execUrl('writer', ['touch', 'next']), token, caPem: proxy.caPem });
      expect((await touch.done).exitCode).toBe(0);
      await waitUntil(
        'the second line',
        async () => (stream.state.text.includes('second\n') ? true : undefined),
        10_000,
      );
      expect(stream.state.text).toBe('first\nsecond\n');
      expect(stream.state.ended).toBe(false);
    } finally {
      stream.close();
    }
  });

  it('ends open streams when stopped', async () => {
    const second = await startRancherProxy({ upstream: cluster.server, caPem: cluster.caPem });
    const stream = openStream(`${second.url}/api/v1/namespaces?watch=1`, second.caPem, token);
    await waitUntil(
      'the watch to open',
      async () => (stream.state.status === 200 ? true : undefined),
      10_000,
    );
    await second.stop();
    await waitUntil('the watch to end', async () => (stream.state.ended ? true : undefined), 5_000);
    stream.close();
  });
});
