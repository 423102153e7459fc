import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '@porthole/protocol';
import { type HungServer, runPod, start, startHungServer, type TestCluster } from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeKubeconfig } from '../serve/serve-fixture.ts';
import { type InProcessBackend, serveInProcess } from '../testing/serve-in-process.ts';
import { openTestSocket, type TestSocket } from './mux-test-client.ts';

/** Every deadline at 1 s: a quiet stream that outlives them shows none applies to it. */
const short = { connectMs: 1_000, tlsHandshakeMs: 1_000, responseMs: 1_000, idleMs: 1_000, bodyMs: 1_000 };

const configMaps = (id: number, cluster: string, namespace: string) =>
  ({ op: 'watch', id, cluster, group: '', version: 'v1', resource: 'configmaps', namespace }) as const;

describe('the multiplexer with a cluster that hangs', () => {
  let cluster: TestCluster;
  let hung: HungServer;
  let dir: string;
  let kubeconfig: string;
  const backends: InProcessBackend[] = [];
  const sockets: TestSocket[] = [];

  async function socketOn(options: Parameters<typeof serveInProcess>[0]): Promise<TestSocket> {
    const backend = await serveInProcess(options);
    backends.push(backend);
    const socket = await openTestSocket(backend.wsUrl);
    sockets.push(socket);
    return socket;
  }
  const createConfigMap = (namespace: string, name: string) =>
    cluster.client().must<KubeObject>('POST', `/api/v1/namespaces/${namespace}/configmaps`, {
      metadata: { name },
    });
  async function createNamespace(name: string): Promise<void> {
    await cluster.client().must('POST', '/api/v1/namespaces', { metadata: { name } });
  }

  beforeAll(async () => {
    cluster = await start({ name: 'hang' });
    hung = await startHungServer({ behaviour: 'silent' });
    dir = await mkdtemp(join(tmpdir(), 'porthole-hang-'));
    kubeconfig = join(dir, 'config');
    await writeKubeconfig(kubeconfig, {
      clusters: {
        healthy: { server: cluster.server, caPem: cluster.caPem },
        hung: { server: hung.server, caPem: hung.caPem },
      },
      users: { admin: { token: cluster.tokens.admin } },
      contexts: { healthy: { cluster: 'healthy', user: 'admin' }, hung: { cluster: 'hung', user: 'admin' } },
    });
  });

  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    for (const b of backends) await b.stop();
    await hung?.close();
    await cluster?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reports reconnecting with the cause within 12 s at the default deadlines and retries, while a healthy cluster on the same socket keeps delivering', async () => {
    await createNamespace('both');
    const s = await socketOn({
      kubeconfigs: [kubeconfig],
      mux: { hub: { backoff: { initialMs: 200, maxMs: 1_000 } } },
    });
    const started = performance.now();
    s.send(configMaps(1, 'hung', 'default'));
    s.send(configMaps(2, 'healthy', 'both'));
    await s.next('sync', (m) => m.id === 2);

    const status = await s.next('status', (m) => m.id === 1, { timeoutMs: 12_000 });
    const waited = performance.now() - started;
    console.log(`hung watch: status after ${Math.round(waited)} ms: ${JSON.stringify(status)}`);
    expect(waited).toBeLessThan(12_000);
    expect(status.state).toBe('reconnecting');
    expect(status.cause).toMatchObject({ code: 504, reason: 'Timeout' });
    expect(status.cause?.message).toContain('cluster "hung"');
    expect(status.cause?.message).toContain('TLS handshake');
    // It tries again (with backoff) rather than giving up: a new connection reaches the silent server.
    await expect.poll(() => hung.accepted(), { timeout: 5_000 }).toBeGreaterThanOrEqual(2);

    const from = s.messages.length;
    await createConfigMap('both', 'after-the-hang');
    const events = await s.next('events', (m) => m.id === 2, { from });
    expect(events.events.map((e) => e.object.metadata.name)).toContain('after-the-hang');
    expect(s.messages.some((m) => m.op === 'error')).toBe(false);
  }, 40_000);

  it('keeps a quiet healthy watch open far longer than the response and idle deadlines', async () => {
    // Deadlines of 1 s and a watch that stays quiet for 6 s: were any of them applied to the open
    // WATCH, it would be cut (a reconnecting status, a relist and its sync). The server-side timeoutSeconds
    // (5-10 min) is the only end a quiet watch has, and it resumes without a status.
    await createNamespace('quiet');
    const s = await socketOn({ kubeconfigs: [kubeconfig], deadlines: short });
    s.send(configMaps(1, 'healthy', 'quiet'));
    await s.next('sync', (m) => m.id === 1);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const from = s.messages.length;
    await createConfigMap('quiet', 'after-the-quiet');
    const events = await s.next('events', (m) => m.id === 1, { from });
    expect(events.events.map((e) => e.object.metadata.name)).toEqual(['after-the-quiet']);
    const states = s.messages.flatMap((m) => (m.op === 'status' && m.id === 1 ? [m.state] : []));
    expect(states.filter((state) => state !== 'live')).toEqual([]);
    // A cut watch would have relisted: a second sync.
    expect(s.messages.filter((m) => m.op === 'sync' && m.id === 1)).toHaveLength(1);
  }, 40_000);

  it('keeps a quiet log follow open far longer than the response and idle deadlines', async () => {
    // A container that prints, stays quiet for 6 s (6x every deadline), prints again and lives on.
    await runPod(cluster.client(), {
      name: 'quiet',
      command: ['sh', '-c', 'echo first; sleep 6; echo second; sleep 600'],
      restartPolicy: 'Never',
    });
    const s = await socketOn({ kubeconfigs: [kubeconfig], deadlines: short });
    s.send({ op: 'logs', id: 1, cluster: 'healthy', namespace: 'default', pod: 'quiet', follow: true });
    await s.next('lines', (m) => m.id === 1 && m.lines.includes('first'));
    await s.next('lines', (m) => m.id === 1 && m.lines.includes('second'), { timeoutMs: 15_000 });
    const lines = s.messages.flatMap((m) => (m.op === 'lines' && m.id === 1 ? m.lines : []));
    expect(lines).toEqual(['first', 'second']);
    const states = s.messages.flatMap((m) => (m.op === 'status' && m.id === 1 ? [m.state] : []));
    expect(states.filter((state) => state !== 'live')).toEqual([]);
    expect(s.messages.some((m) => (m.op === 'end' || m.op === 'error') && m.id === 1)).toBe(false);
  }, 40_000);
});
