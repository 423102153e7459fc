import { createHash, randomBytes } from 'node:crypto';
import { type IncomingMessage, request } from 'node:http';
import { createServer } from 'node:net';
import { openExec, runPod, start, type TestCluster, UpgradeRefused } from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend, testContext } from './test-backend.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A response read as it arrives. */
interface OpenStream {
  status: number;
  text(): string;
  ended: Promise<void>;
  /** Resolves once the text read so far satisfies `predicate`; rejects after `timeoutMs`. */
  until(predicate: (text: string) => boolean, timeoutMs?: number): Promise<string>;
  close(): void;
}

function openStream(url: string): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res: IncomingMessage) => {
      let text = '';
      const waiters = new Set<() => void>();
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        for (const w of waiters) w();
      });
      const ended = new Promise<void>((done) => res.on('end', done));
      resolve({
        status: res.statusCode ?? 0,
        text: () => text,
        ended,
        until(predicate, timeoutMs = 10_000) {
          return new Promise((ok, fail) => {
            const timer = setTimeout(
              () => fail(new Error(`timed out; got ${JSON.stringify(text)}`)),
              timeoutMs,
            );
            const check = () => {
              if (!predicate(text)) return;
              clearTimeout(timer);
              waiters.delete(check);
              ok(text);
            };
            waiters.add(check);
            check();
          });
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** A sent request's status and body; the body is written in the given chunks (chunked when no length). */
function send(
  url: string,
  options: { method: string; headers?: Record<string, string>; chunks?: string[] },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method, headers: options.headers ?? {} }, (res) => {
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

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const writeHeaders = { 'content-type': 'application/json', 'x-porthole-request': '1' };

describe('the cluster proxy streaming against a real cluster', () => {
  let cluster: TestCluster;
  let backend: TestBackend;

  beforeAll(async () => {
    cluster = await start({ name: 'gamma' });
    await Promise.all([
      cluster.client().must('POST', '/api/v1/namespaces', { metadata: { name: 'watched' } }),
      runPod(cluster.client(), {
        name: 'talker',
        command: ['sh', '-c', 'i=0; while true; do echo line-$i; i=$((i+1)); sleep 0.2; done'],
      }),
    ]);
    const { server, caPem } = cluster;
    const token = cluster.tokens.admin;
    backend = await startTestBackend({
      contexts: [
        testContext({ name: 'gamma', server, caPem, token }),
        testContext({ name: 'gamma-closing', server, caPem, token }),
        testContext({ name: 'nowhere', server: `https://127.0.0.1:${await closedPort()}`, caPem, token }),
      ],
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await cluster?.stop();
  });

  const configMap = (name: string, data: Record<string, string> = {}) =>
    JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

  it('delivers each watch event as it happens', async () => {
    const watch = await openStream(
      `${backend.url}/clusters/gamma/api/v1/namespaces/watched/configmaps?watch=1`,
    );
    expect(watch.status).toBe(200);
    const url = `${backend.url}/clusters/gamma/api/v1/namespaces/watched/configmaps`;
    expect(
      (await send(url, { method: 'POST', headers: writeHeaders, chunks: [configMap('first')] })).status,
    ).toBe(201);
    await watch.until((t) => t.includes('"name":"first"'));
    // The second object exists only after the first event arrived: nothing waits for the response to end.
    expect(
      (await send(url, { method: 'POST', headers: writeHeaders, chunks: [configMap('second')] })).status,
    ).toBe(201);
    await watch.until((t) => t.includes('"name":"second"'));
    watch.close();
  });

  it('delivers followed log lines as the container prints them', async () => {
    const log = await openStream(
      `${backend.url}/clusters/gamma/api/v1/namespaces/default/pods/talker/log?follow=true`,
    );
    expect(log.status).toBe(200);
    const first = await log.until((t) => /line-\d+\n/.test(t));
    const later = await log.until((t) => t.length > first.length && /line-\d+\n[\s\S]*line-\d+\n/.test(t));
    expect(later.startsWith(first)).toBe(true);
    log.close();
  });

  it('ends an open watch with an ERROR event when its context is closed', async () => {
    const watch = await openStream(
      `${backend.url}/clusters/gamma-closing/api/v1/namespaces/watched/configmaps?watch=true`,
    );
    await watch.until((t) => t.includes('"name":"first"'));
    const message = 'context "gamma-closing" was removed from the kubeconfig';
    expect(backend.proxy.closeContext('gamma-closing', message)).toBe(1);
    await watch.ended;
    const last = watch.text().trimEnd().split('\n').at(-1) ?? '';
    expect(JSON.parse(last)).toEqual({
      type: 'ERROR',
      object: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        code: 410,
        reason: 'ContextRemoved',
        message,
      },
    });
    expect(backend.proxy.closeContext('gamma-closing', message)).toBe(0);
  });

  it('streams request bodies larger than the replay buffer, with a length or chunked', async () => {
    const url = `${backend.url}/clusters/gamma/api/v1/namespaces/watched/configmaps`;
    // ConfigMaps hold at most 1 MiB of data: whitespace makes the body larger than the 1 MiB replay buffer.
    // Random data, so a lost, repeated or reordered piece of the stream shows in what was stored.
    const blob = randomBytes(675_000).toString('base64');
    const big = `${configMap('big', { blob })}${' '.repeat(300_000)}`;
    const withLength = await send(url, {
      method: 'POST',
      headers: { ...writeHeaders, 'content-length': String(Buffer.byteLength(big)) },
      chunks: [big],
    });
    expect(withLength.status).toBe(201);
    const stored = JSON.parse((await send(`${url}/big`, { method: 'GET' })).body).data.blob as string;
    expect([stored.length, sha256(stored)]).toEqual([blob.length, sha256(blob)]);
    const body = configMap('chunked', { a: 'b' });
    const chunked = await send(url, {
      method: 'POST',
      headers: writeHeaders,
      chunks: [body.slice(0, 20), body.slice(20)],
    });
    expect(chunked.status).toBe(201);
    const read = await send(`${url}/chunked`, { method: 'GET' });
    expect(JSON.parse(read.body).data).toEqual({ a: 'b' });
  });

  it('answers an unreachable cluster with a 502 naming the cluster and the cause, and stays up', async () => {
    const res = await send(`${backend.url}/clusters/nowhere/api/v1/namespaces`, { method: 'GET' });
    expect(res.status).toBe(502);
    const status = JSON.parse(res.body);
    expect(status).toMatchObject({ kind: 'Status', code: 502 });
    expect(status.message).toMatch(
      /^cluster "nowhere" \(https:\/\/127\.0\.0\.1:\d+\) is unreachable: connection refused$/,
    );

    const err = await openExec({
      url: `${backend.url.replace('http:', 'ws:')}/clusters/nowhere/api/v1/namespaces/default/pods/p/exec?command=true`,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpgradeRefused);
    expect((err as UpgradeRefused).status).toBe(502);
    expect(JSON.parse((err as UpgradeRefused).body).message).toContain('connection refused');
    expect((await send(`${backend.url}/healthz`, { method: 'GET' })).status).toBe(200);
  });
});
