import { once } from 'node:events';
import {
  createServer as createHttpServer,
  get as httpGet,
  request as httpRequest,
  type IncomingMessage,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { type HungBehaviour, type HungServer, startHungServer, waitFor } from '@porthole/testcluster';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend, testContext } from './test-backend.ts';
import type { UpstreamDeadlines } from './upstream-deadlines.ts';

let hung: HungServer | undefined;
let backend: TestBackend | undefined;

afterEach(async () => {
  await backend?.stop();
  await hung?.close();
  backend = undefined;
  hung = undefined;
});

async function hungCluster(
  behaviour: HungBehaviour,
  deadlines?: Partial<UpstreamDeadlines>,
  trickleMs = 100,
) {
  hung = await startHungServer({ behaviour, trickleMs });
  backend = await startTestBackend({
    contexts: [testContext({ name: 'stuck', server: hung.server, caPem: hung.caPem, token: 't' })],
    ...(deadlines ? { deadlines } : {}),
  });
  return { hung, backend };
}

/** A GET on a connection of its own (no keep-alive pool in the test's way when counting sockets). */
function open(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    httpGet(url, { agent: false }, resolve).on('error', reject);
  });
}

async function readAll(response: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of response) text += String(chunk);
  return text;
}

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown>; ms: number }> {
  const started = performance.now();
  const response = await open(url);
  const body = JSON.parse(await readAll(response)) as Record<string, unknown>;
  return { status: response.statusCode ?? 0, body, ms: performance.now() - started };
}

/** Open TCP and TLS handles of this process (both sides of every loopback connection live here). */
function openSockets(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TLSWrap').length;
}

const namespaces = (b: TestBackend) => `${b.url}/clusters/stuck/api/v1/namespaces`;

describe('upstream deadlines', () => {
  it('answers a server that accepts and never speaks with a 504 naming the context and the TLS handshake, within 12 s at the defaults', async () => {
    const { backend } = await hungCluster('silent');
    const { status, body, ms } = await getJson(namespaces(backend));
    expect(status).toBe(504);
    expect(body).toMatchObject({ kind: 'Status', code: 504, reason: 'Timeout' });
    expect(body.message).toContain('cluster "stuck"');
    expect(body.message).toContain('TLS handshake');
    expect(body.message).toContain('10 s');
    expect(body.details).toMatchObject({ name: 'stuck', causes: [{ field: 'TLS handshake' }] });
    expect(ms).toBeLessThan(12_000);
    console.log(`silent server: 504 after ${Math.round(ms)} ms`);
  }, 20_000);

  it('answers a server that completes TLS and never sends headers with a 504 "no response" after the response deadline', async () => {
    const { backend } = await hungCluster('no-headers', { responseMs: 700 });
    const { status, body, ms } = await getJson(namespaces(backend));
    expect(status).toBe(504);
    expect(body.message).toContain('cluster "stuck"');
    expect(body.message).toContain('no response after 0.7 s');
    expect(body.details).toMatchObject({ causes: [{ field: 'response' }] });
    expect(ms).toBeGreaterThanOrEqual(600);
  });

  it('ends an ordinary body that stalls after its headers with an error once the idle limit passes', async () => {
    const { backend } = await hungCluster('stalled-body', { idleMs: 700 });
    const started = performance.now();
    const response = await open(namespaces(backend));
    expect(response.statusCode).toBe(200);
    await expect(readAll(response)).rejects.toThrow();
    expect(performance.now() - started).toBeGreaterThanOrEqual(600);
  });

  it('ends a body that trickles a byte at a time forever once the whole-body limit passes', async () => {
    const { backend } = await hungCluster('trickle', { idleMs: 1_000, bodyMs: 1_500 }, 100);
    const started = performance.now();
    const response = await open(namespaces(backend));
    await expect(readAll(response)).rejects.toThrow();
    const ms = performance.now() - started;
    expect(ms).toBeGreaterThanOrEqual(1_400);
    expect(ms).toBeLessThan(10_000);
  });

  it('does not count a pause of its own reader (a slow client) as the cluster going silent', async () => {
    // A plain-HTTP cluster sending 24 MiB at once: the client stops reading for 3x the idle limit, so
    // every buffer fills and the backend pauses the upstream body; the body still arrives whole.
    const size = 24 * 1024 * 1024;
    const big = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(size) });
      res.end(Buffer.alloc(size, 0x20));
    });
    big.listen(0, '127.0.0.1');
    await once(big, 'listening');
    const { port } = big.address() as AddressInfo;
    backend = await startTestBackend({
      contexts: [testContext({ name: 'big', server: `http://127.0.0.1:${port}`, caPem: '', token: 't' })],
      deadlines: { idleMs: 500 },
    });
    try {
      const response = await open(`${backend.url}/clusters/big/api/v1/configmaps`);
      response.pause();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      let bytes = 0;
      for await (const chunk of response) bytes += (chunk as Buffer).length;
      expect(bytes).toBe(size);
    } finally {
      big.closeAllConnections();
      big.close();
    }
  });

  it.each([
    ['a watch', '/api/v1/namespaces?watch=1'],
    ['an old-style watch path', '/api/v1/watch/namespaces'],
    ['a log follow', '/api/v1/namespaces/demo/pods/web/log?follow=true'],
  ])(
    'keeps %s open while it is quiet: the idle and body limits are for ordinary requests only',
    async (_, path) => {
      const { backend, hung } = await hungCluster('stalled-body', { idleMs: 300, bodyMs: 600 });
      const response = await open(`${backend.url}/clusters/stuck${path}`);
      expect(response.statusCode).toBe(200);
      let ended = false;
      response.on('close', () => {
        ended = true;
      });
      response.resume();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(ended).toBe(false);
      expect(hung.connections()).toBe(1);
      response.destroy();
      await waitFor('the upstream connection to close with the client', () => hung.connections() === 0);
    },
  );

  it('refuses a WebSocket upgrade (exec, port-forward) to a silent server with the 504 Status once the handshake deadline passes', async () => {
    const { backend } = await hungCluster('silent', { tlsHandshakeMs: 500 });
    const started = performance.now();
    const refusal = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        `${backend.url}/clusters/stuck/api/v1/namespaces/demo/pods/web/exec?command=sh`,
        {
          agent: false,
          headers: {
            connection: 'Upgrade',
            upgrade: 'websocket',
            origin: backend.url,
            'sec-websocket-version': '13',
            'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
          },
        },
      );
      req.on('response', async (response) =>
        resolve({ status: response.statusCode ?? 0, body: await readAll(response) }),
      );
      req.on('upgrade', () => reject(new Error('the upgrade was accepted')));
      req.on('error', reject);
      req.end();
    });
    expect(refusal.status).toBe(504);
    expect(JSON.parse(refusal.body)).toMatchObject({ code: 504, reason: 'Timeout' });
    expect(refusal.body).toContain('no TLS handshake after 0.5 s');
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);
  });

  it.each([
    ['silent', { tlsHandshakeMs: 300 }, 'TLS handshake'],
    ['no-headers', { responseMs: 300 }, 'no response'],
  ] as const)(
    'leaks no socket after 100 requests to a %s server',
    async (behaviour, deadlines, words) => {
      const before = openSockets();
      const { backend, hung } = await hungCluster(behaviour, deadlines);
      const answers = await Promise.all(Array.from({ length: 100 }, () => getJson(namespaces(backend))));
      expect(answers.map((a) => a.status)).toEqual(Array(100).fill(504));
      for (const answer of answers) expect(answer.body.message).toContain(words);
      expect(hung.accepted()).toBe(100);
      await waitFor('the hung server to see every connection closed', () => hung.connections() === 0);
      // Counted with the backend still running: a socket its agent kept would show here.
      await waitFor('every socket of this process to be closed', () => openSockets() <= before);
      console.log(
        `${behaviour}: ${hung.accepted()} connections accepted, 0 left open; sockets ${before} -> ${openSockets()}`,
      );
    },
    30_000,
  );
});
