import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { KubeObject, ServerMessage } from '@porthole/protocol';
import {
  objectRows,
  start,
  startTcpRelay,
  type TcpRelay,
  type TestCluster,
  waitFor,
} from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeKubeconfig } from '../serve/serve-fixture.ts';
import { type InProcessBackend, serveInProcess } from '../testing/serve-in-process.ts';
import { openTestSocket, type TestSocket } from './mux-test-client.ts';

const run = promisify(execFile);
type Events = Extract<ServerMessage, { op: 'events' }>;

/** What a client holds for one watch id after applying every sync and events message in order. */
function heldObjects(messages: readonly ServerMessage[], id: number): Map<string, KubeObject> {
  const held = new Map<string, KubeObject>();
  for (const m of messages) {
    if (m.op === 'sync' && m.id === id) {
      held.clear();
      for (const item of m.items as KubeObject[]) held.set(String(item.metadata.uid), item);
    } else if (m.op === 'events' && m.id === id) {
      for (const e of m.events) {
        if (e.type === 'DELETED') held.delete(String(e.object.metadata.uid));
        else held.set(String(e.object.metadata.uid), e.object);
      }
    }
  }
  return held;
}

/** The sum of a Prometheus counter's samples whose labels include every `labels` pair. */
function sumOf(text: string, name: string, labels: Record<string, string>): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const set = line.slice(name.length, line.lastIndexOf('}') + 1);
    if (Object.entries(labels).every(([k, v]) => set.includes(`${k}="${v}"`)))
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

/** A Prometheus sample's value, e.g. `metric(text, 'porthole_mux_upstream_watches')`. */
function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : Number.NaN;
}

describe('the multiplexer (GET /ws)', () => {
  let cluster: TestCluster;
  let relay: TcpRelay;
  let dir: string;
  let kubeconfig: string;
  let backend: InProcessBackend;
  const sockets: TestSocket[] = [];

  async function socket(options: { autoPong?: boolean } = {}): Promise<TestSocket> {
    const s = await openTestSocket(backend.wsUrl, options);
    sockets.push(s);
    return s;
  }
  const metrics = async () => (await fetch(`${backend.url}/metrics`)).text();
  /** The API server's own /metrics, read with kubectl. */
  const apiMetrics = async () =>
    (
      await run('kubectl', ['--kubeconfig', cluster.kubeconfigPath, 'get', '--raw', '/metrics'], {
        maxBuffer: 256 * 1024 * 1024,
      })
    ).stdout;
  const api = () => cluster.client();
  /** A namespace, once the controller-manager has added its kube-root-ca.crt (so no later surprise). */
  async function createNamespace(name: string): Promise<void> {
    await api().must('POST', '/api/v1/namespaces', { metadata: { name } });
    await waitFor(`kube-root-ca.crt in ${name}`, async () => {
      const answer = await api().request('GET', `/api/v1/namespaces/${name}/configmaps/kube-root-ca.crt`);
      return answer.status === 200;
    });
  }
  const createConfigMap = (namespace: string, name: string, data: Record<string, string> = {}) =>
    api().must<KubeObject>('POST', `/api/v1/namespaces/${namespace}/configmaps`, {
      metadata: { name },
      data,
    });
  const list = async (namespace: string, resource = 'configmaps') =>
    (await api().must<{ items: KubeObject[] }>('GET', `/api/v1/namespaces/${namespace}/${resource}`)).items;

  async function writeContexts(withSecond: boolean): Promise<void> {
    await writeKubeconfig(kubeconfig, {
      clusters: {
        direct: { server: cluster.server, caPem: cluster.caPem },
        relayed: { server: `https://127.0.0.1:${relay.port}`, caPem: cluster.caPem },
      },
      users: { admin: { token: cluster.tokens.admin }, viewer: { token: cluster.tokens.viewer } },
      contexts: {
        admin: { cluster: 'direct', user: 'admin' },
        relayed: { cluster: 'relayed', user: 'admin' },
        viewer: { cluster: 'direct', user: 'viewer' },
        ...(withSecond ? { second: { cluster: 'direct', user: 'admin' } } : {}),
      },
    });
  }

  beforeAll(async () => {
    // PodTemplates without a watch cache, and etcd compacted every 2 s: a resume point can expire (410).
    cluster = await start({
      name: 'mux',
      apiserverFlags: ['--etcd-compaction-interval=2s', '--watch-cache-sizes=podtemplates#0'],
    });
    const server = new URL(cluster.server);
    relay = await startTcpRelay({ targetHost: server.hostname, targetPort: Number(server.port) });
    dir = await mkdtemp(join(tmpdir(), 'porthole-mux-'));
    kubeconfig = join(dir, 'config');
    await writeContexts(true);
    backend = await serveInProcess({
      kubeconfigs: [kubeconfig],
      mux: {
        limits: { maxSubscriptions: 40 },
        // Short enough that a silent socket is found in seconds; long enough that a busy event loop (this
        // process also runs the test's clients, and the fuzz test sends 10,000 messages in one go) does not
        // look like a silent socket. At 300 ms the fuzz test's healthy socket was sometimes dropped.
        heartbeatMs: 2_000,
        maxPayloadBytes: 1024 * 1024,
        // The hub's default linger (2 s): long enough that a test's leave-and-rejoin falls inside it.
        hub: { lingerMs: 2_000, backoff: { initialMs: 100, maxMs: 500 } },
      },
    });
  });

  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await backend?.stop();
    await relay?.close();
    await cluster?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('acks a watch, sends the LIST as a sync, then the changes as batched events', async () => {
    await createNamespace('w1');
    for (let i = 0; i < 3; i++) await createConfigMap('w1', `before-${i}`);
    const s = await socket();
    s.send({
      op: 'watch',
      id: 1,
      cluster: 'admin',
      group: '',
      version: 'v1',
      resource: 'configmaps',
      namespace: 'w1',
    });
    await s.next('ack', (m) => m.id === 1);
    const sync = await s.next('sync', (m) => m.id === 1);
    expect(objectRows(sync.items as KubeObject[])).toEqual(objectRows(await list('w1')));

    const writes = Array.from({ length: 200 }, (_, i) => createConfigMap('w1', `after-${i}`));
    await Promise.all(writes);
    await waitFor(
      'every change',
      async () =>
        objectRows(heldObjects(s.messages, 1).values()).join() === objectRows(await list('w1')).join(),
    );
    const batches = s.messages.filter((m): m is Events => m.op === 'events' && m.id === 1);
    // 200 changes in a burst arrive in far fewer messages.
    expect(batches.length).toBeLessThan(100);
    expect(batches.reduce((n, b) => n + b.events.length, 0)).toBe(200);
  });

  it('shares one upstream watch among 20 sockets, seen in /metrics and by the API server, and stops it after the last leaves', async () => {
    await createNamespace('shared');
    // The API server's own count of watchers on its pod watch cache (the controller-manager has some).
    const watchers = async () =>
      metric(await apiMetrics(), 'apiserver_registered_watchers{group="",kind="Pod",version="v1"}');
    const before = metric(await metrics(), 'porthole_mux_upstream_watches');
    const apiBefore = await watchers();
    const twenty = await Promise.all(Array.from({ length: 20 }, () => socket()));
    for (const s of twenty) {
      s.send({
        op: 'watch',
        id: 5,
        cluster: 'admin',
        group: '',
        version: 'v1',
        resource: 'pods',
        namespace: 'shared',
      });
    }
    await Promise.all(twenty.map((s) => s.next('sync', (m) => m.id === 5)));
    const during = await metrics();
    expect(metric(during, 'porthole_mux_upstream_watches')).toBe(before + 1);
    expect(metric(during, 'porthole_mux_subscriptions{kind="watch"}')).toBeGreaterThanOrEqual(20);
    expect(await watchers()).toBe(apiBefore + 1);
    for (const s of twenty) s.close();
    await waitFor(
      'the upstream to stop',
      async () => metric(await metrics(), 'porthole_mux_upstream_watches') === before,
      15_000,
    );
    await waitFor('the API server to drop the watcher', async () => (await watchers()) === apiBefore, 15_000);
  });

  it('gives a socket joining a running or lingering upstream watch its sync from it; after the linger it is gone', async () => {
    await createNamespace('late');
    await createConfigMap('late', 'one');
    const watch = {
      op: 'watch' as const,
      id: 9,
      cluster: 'admin',
      group: '',
      version: 'v1',
      resource: 'configmaps',
      namespace: 'late',
    };
    // Every new upstream watch starts with a LIST; one that is reused does not. The API server counts them.
    const lists = async () =>
      sumOf(await apiMetrics(), 'apiserver_request_total', {
        verb: 'LIST',
        resource: 'configmaps',
        scope: 'namespace',
      });
    const upstreams = async () => metric(await metrics(), 'porthole_mux_upstream_watches');
    const upstreamsBefore = await upstreams();
    const first = await socket();
    first.send(watch);
    await first.next('sync', (m) => m.id === 9);
    const listed = await lists();
    expect(await upstreams()).toBe(upstreamsBefore + 1);

    // Joins while the first still watches: the hub answers from its cache.
    const second = await socket();
    second.send(watch);
    const joined = await second.next('sync', (m) => m.id === 9);
    expect(joined.items.some((o) => (o as KubeObject).metadata.name === 'one')).toBe(true);

    // Both leave, and one comes back within the linger time (what a page does on back navigation): the
    // lingering upstream answers, without a new LIST.
    first.close();
    second.send({ op: 'cancel', id: 9 });
    await second.next('end', (m) => m.id === 9);
    second.send({ ...watch, id: 10 });
    const back = await second.next('sync', (m) => m.id === 10);
    expect(back.items.some((o) => (o as KubeObject).metadata.name === 'one')).toBe(true);
    expect(await lists()).toBe(listed);
    expect(await upstreams()).toBe(upstreamsBefore + 1);

    // Left for longer than the linger time: the upstream stops, and the next subscriber starts a new one.
    second.send({ op: 'cancel', id: 10 });
    await second.next('end', (m) => m.id === 10);
    await waitFor('the upstream to stop', async () => (await upstreams()) === upstreamsBefore, 15_000);
    second.send({ ...watch, id: 11 });
    await second.next('sync', (m) => m.id === 11);
    expect(await lists()).toBe(listed + 1);
  });

  it('answers a resume from a recent resourceVersion with the events after it, not a sync', async () => {
    await createNamespace('resume');
    const first = await socket();
    first.send({
      op: 'watch',
      id: 1,
      cluster: 'admin',
      group: '',
      version: 'v1',
      resource: 'configmaps',
      namespace: 'resume',
    });
    const sync = await first.next('sync', (m) => m.id === 1);
    const second = await socket();
    const created = await createConfigMap('resume', 'later');
    // The API server may add its own objects (kube-root-ca.crt) too: expect what the first socket saw.
    await first.next(
      'events',
      (m) => m.id === 1 && m.events.some((e) => e.object.metadata.uid === created.metadata.uid),
    );
    const seen = first.messages.flatMap((m) => (m.op === 'events' && m.id === 1 ? m.events : []));
    second.send({
      op: 'watch',
      id: 9,
      cluster: 'admin',
      group: '',
      version: 'v1',
      resource: 'configmaps',
      namespace: 'resume',
      resourceVersion: sync.resourceVersion,
    });
    const resumed = await second.next('events', (m) => m.id === 9);
    expect(resumed.events.map((e) => e.object.metadata.uid)).toEqual(seen.map((e) => e.object.metadata.uid));
    expect(resumed.events.map((e) => e.object.metadata.uid)).toContain(created.metadata.uid);
    expect(second.messages.some((m) => m.op === 'sync' && m.id === 9)).toBe(false);
  });

  it('relists after the resume point expired (410) and sends a fresh sync that converges', async () => {
    await createNamespace('gone');
    const path = '/api/v1/namespaces/gone/podtemplates';
    const template = (name: string) => ({
      metadata: { name },
      template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } },
    });
    await api().must('POST', path, template('t0'));
    const s = await socket();
    s.send({
      op: 'watch',
      id: 3,
      cluster: 'relayed',
      group: '',
      version: 'v1',
      resource: 'podtemplates',
      namespace: 'gone',
    });
    const resumePoint = (await s.next('sync', (m) => m.id === 3)).resourceVersion;
    const port = relay.port;
    await relay.close(); // the upstream watch is cut and can't reconnect
    await s.next('status', (m) => m.id === 3 && m.state === 'reconnecting');
    for (let i = 1; i <= 20; i++) await api().must('POST', path, template(`t${i}`));
    // Without a watch cache for PodTemplates there are no bookmarks: the upstream resumes from the sync's
    // resourceVersion. Wait until etcd has compacted past it (a watch from there is refused with 410).
    await waitFor(
      'etcd to compact past the resume point',
      async () => {
        const answer = await api().request(
          'GET',
          `${path}?watch=1&resourceVersion=${resumePoint}&timeoutSeconds=1`,
        );
        // Expired: a 410, or a 200 whose stream is one ERROR event carrying a 410 Status.
        return (
          answer.status === 410 ||
          /"code":\s*410/.test(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body))
        );
      },
      30_000,
      500,
    );
    const from = s.messages.length;
    relay = await startTcpRelay({
      targetHost: '127.0.0.1',
      targetPort: Number(new URL(cluster.server).port),
      listenPort: port,
    });
    const fresh = await s.next('sync', (m) => m.id === 3, { from, timeoutMs: 30_000 });
    expect(s.messages.slice(from).some((m) => m.op === 'status' && m.state === 'resyncing')).toBe(true);
    expect(objectRows(fresh.items as KubeObject[])).toEqual(objectRows(await list('gone', 'podtemplates')));
  });

  it('answers bad input with errors and keeps every other subscription streaming', async () => {
    await createNamespace('bad');
    const good = await socket();
    good.send({
      op: 'watch',
      id: 1,
      cluster: 'admin',
      group: '',
      version: 'v1',
      resource: 'configmaps',
      namespace: 'bad',
    });
    await good.next('sync', (m) => m.id === 1);
    const bad = await socket();
    bad.send('{not json');
    expect((await bad.next('error', (m) => m.id === 0)).code).toBe(400);
    bad.send({ op: 'nope', id: 4 } as never);
    expect((await bad.next('error', (m) => m.id === 4)).message).toMatch(/op/);
    bad.send({ op: 'watch', id: 5, cluster: 'nowhere', group: '', version: 'v1', resource: 'pods' });
    expect((await bad.next('error', (m) => m.id === 5)).code).toBe(404);
    bad.send({ op: 'clusters', id: 6 });
    await bad.next('sync', (m) => m.id === 6);
    bad.send({ op: 'clusters', id: 6 });
    expect((await bad.next('error', (m) => m.id === 6)).code).toBe(409);
    for (let id = 100; id < 140; id++) bad.send({ op: 'clusters', id });
    expect((await bad.next('error', (m) => m.id === 139)).code).toBe(429);
    bad.send(JSON.stringify({ op: 'ping', t: 1, pad: 'x'.repeat(70_000) }));
    expect((await bad.next('error', (m) => m.code === 413)).id).toBe(0);
    bad.send(new Uint8Array([1, 2]));
    await bad.next('error', (m) => m.message.includes('binary frame'));
    bad.send({ op: 'cancel', id: 999 });
    expect((await bad.next('error', (m) => m.id === 999)).code).toBe(404);
    bad.send({ op: 'ping', t: 42 });
    await bad.next('pong', (m) => m.t === 42);

    // A frame over the server's maxPayload is a protocol violation: only that socket closes.
    bad.send(new Uint8Array(1024 * 1024 + 10));
    expect((await bad.closed).code).toBe(1009);
    const from = good.messages.length;
    await createConfigMap('bad', 'still-streaming');
    const events = await good.next('events', (m) => m.id === 1, { from });
    expect(events.events[0]?.object.metadata.name).toBe('still-streaming');
  });

  it('survives 10,000 random and malformed messages on one socket, and memory returns to its baseline', async () => {
    await createNamespace('fuzz');
    const good = await socket();
    good.send({
      op: 'watch',
      id: 1,
      cluster: 'admin',
      group: '',
      version: 'v1',
      resource: 'configmaps',
      namespace: 'fuzz',
    });
    await good.next('sync', (m) => m.id === 1);
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const baseline = process.memoryUsage().heapUsed;

    const fuzz = await socket();
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const ops = ['watch', 'logs', 'exec', 'resize', 'stdin-close', 'clusters', 'cancel', 'ping', 'bogus', ''];
    const values = [null, -1, 1.5, 'x', {}, [], true, 2 ** 40, '', 'admin'];
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    for (let i = 0; i < 10_000; i++) {
      const kind = random();
      if (kind < 0.2)
        fuzz.send(
          Buffer.from(Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * 256))),
        );
      else if (kind < 0.4) fuzz.send(`{"op":"${pick(ops)}","id":${Math.floor(random() * 1000)},`);
      else {
        const message: Record<string, unknown> = { op: pick(ops), id: 1000 + i };
        for (const field of [
          'cluster',
          'group',
          'version',
          'resource',
          'namespace',
          'pod',
          'command',
          'cols',
          't',
        ]) {
          if (random() < 0.5) message[field] = pick(values);
        }
        fuzz.send(JSON.stringify(message));
      }
    }
    fuzz.send({ op: 'ping', t: 10_001 });
    await fuzz.next('pong', (m) => m.t === 10_001, { timeoutMs: 60_000 });
    expect(fuzz.invalid).toEqual([]);
    expect(fuzz.messages.filter((m) => m.op === 'error').length).toBeGreaterThan(5_000);

    const from = good.messages.length;
    await createConfigMap('fuzz', 'after-fuzz');
    await good.next('events', (m) => m.id === 1, { from });
    fuzz.close();
    await fuzz.closed;
    await waitFor(
      'heap back to baseline',
      () => {
        gc();
        return process.memoryUsage().heapUsed < baseline + 8 * 1024 * 1024;
      },
      20_000,
      500,
    );
  });

  it('closes a socket that stops answering pings and releases its subscriptions', async () => {
    await createNamespace('silent');
    const watchesBefore = metric(await metrics(), 'porthole_mux_subscriptions{kind="watch"}');
    const silent = await socket({ autoPong: false });
    silent.send({
      op: 'watch',
      id: 1,
      cluster: 'admin',
      group: '',
      version: 'v1',
      resource: 'secrets',
      namespace: 'silent',
    });
    await silent.next('sync', (m) => m.id === 1);
    const socketsBefore = metric(await metrics(), 'porthole_mux_sockets');
    // A client that stops reading and answering (a laptop lid closed): nothing comes back.
    silent.ws.pause();
    await waitFor(
      'the server to drop the socket and its watch',
      async () => {
        const text = await metrics();
        return (
          metric(text, 'porthole_mux_sockets') === socketsBefore - 1 &&
          metric(text, 'porthole_mux_subscriptions{kind="watch"}') === watchesBefore
        );
      },
      30_000,
    );
  });

  it('refuses upgrades from a foreign Origin and without the porthole.v1 subprotocol', async () => {
    await expect(openTestSocket(backend.wsUrl, { origin: 'https://evil.example' })).rejects.toThrow(/403/);
    const { WebSocket } = await import('ws');
    const plain = new WebSocket(backend.wsUrl);
    const status = await new Promise<number | undefined>((resolve) => {
      plain.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      plain.on('open', () => resolve(101));
    });
    expect(status).toBe(400);
  });

  it('sends the cluster list live and ends the subscriptions of a removed context with the reason', async () => {
    await createNamespace('removal');
    const s = await socket();
    s.send({ op: 'clusters', id: 1 });
    const first = await s.next('sync', (m) => m.id === 1);
    expect((first.items as { name: string }[]).map((c) => c.name)).toContain('second');
    s.send({
      op: 'watch',
      id: 2,
      cluster: 'second',
      group: '',
      version: 'v1',
      resource: 'configmaps',
      namespace: 'removal',
    });
    await s.next('sync', (m) => m.id === 2);
    await writeContexts(false);
    const error = await s.next('error', (m) => m.id === 2);
    expect(error.message).toContain('context "second" was removed');
    const next = await s.next(
      'sync',
      (m) => m.id === 1 && !(m.items as { name: string }[]).some((c) => c.name === 'second'),
    );
    expect(Number(next.resourceVersion)).toBeGreaterThan(Number(first.resourceVersion));
  });

  it('sends the kubeconfig files and the contexts health as live subscriptions', async () => {
    await writeContexts(true);
    const s = await socket();
    s.send({ op: 'kubeconfig-files', id: 1 });
    await s.next('ack', (m) => m.id === 1);
    // The file was just rewritten (the test before removed a context): wait for the registry to read it.
    const ok = await s.next(
      'sync',
      (m) => m.id === 1 && (m.items as { contexts: string[] }[])[0]?.contexts.includes('second') === true,
    );
    expect(ok.items).toEqual([
      expect.objectContaining({
        path: kubeconfig,
        state: 'ok',
        contexts: ['admin', 'relayed', 'viewer', 'second'],
      }),
    ]);
    await writeFile(kubeconfig, 'contexts: [ { name: half');
    const broken = await s.next(
      'sync',
      (m) => m.id === 1 && (m.items as { state: string }[])[0]?.state === 'invalid',
    );
    expect(broken.items[0]).toMatchObject({
      keptLastGood: true,
      contexts: ['admin', 'relayed', 'viewer', 'second'],
    });
    expect(JSON.stringify(broken.items)).not.toContain(cluster.tokens.admin);
    await writeContexts(true);
    await s.next('sync', (m) => m.id === 1 && (m.items as { state: string }[])[0]?.state === 'ok');

    s.send({ op: 'health', id: 2 });
    await s.next('ack', (m) => m.id === 2);
    const answered = await s.next(
      'sync',
      (m) =>
        m.id === 2 && (m.items as { name: string; state: string }[]).every((h) => h.state !== 'checking'),
    );
    const byName = new Map(
      (answered.items as { name: string; state: string; version?: string }[]).map((h) => [h.name, h]),
    );
    expect(byName.get('admin')).toMatchObject({ state: 'ok', version: expect.stringMatching(/^v1\.20\./) });
    expect(JSON.stringify(answered.items)).not.toContain(cluster.tokens.viewer);
    s.send({ op: 'cancel', id: 2 });
    await s.next('end', (m) => m.id === 2);
  });
});
