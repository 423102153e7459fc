// Issue 16, acceptance 5: two `porthole serve` replicas behind a real nginx. A client follows a watch and
// a log through nginx; the replica holding its socket is killed; the socket reconnects through nginx to
// the other replica and resumes: no lost and no duplicated event, no lost and no repeated log line. Then
// the same with `--auth token` and a shared `--session-secret-file`: the session is kept.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningBackend, startBackend } from '@porthole/backend/testing';
import { type KubeObject, muxSubprotocol } from '@porthole/protocol';
import {
  type Nginx,
  objectRows,
  runPod,
  start,
  startNginx,
  type TestCluster,
  waitFor,
} from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMuxClient, type MuxClient } from './mux-client.ts';
import type { WebSocketConstructor } from './mux-connection.ts';

/** Node's WebSocket (undici) sending a session cookie on the handshake, as a browser does. */
function webSocketWithCookie(cookie: string): WebSocketConstructor {
  const Native = globalThis.WebSocket as unknown as new (
    url: string,
    init: { protocols: string[]; headers: Record<string, string> },
  ) => InstanceType<WebSocketConstructor>;
  return class extends Native {
    constructor(url: string, protocols?: string | string[]) {
      super(url, { protocols: [protocols ?? muxSubprotocol].flat(), headers: { cookie } });
    }
  } as unknown as WebSocketConstructor;
}

describe('two replicas behind nginx (acceptance 5)', () => {
  let cluster: TestCluster;
  let replicas: RunningBackend[] = [];
  let nginx: Nginx;
  const clients: MuxClient[] = [];
  /** The session cookie, once the replicas run `--auth token`. */
  let cookie: string | undefined;
  const headers = () => (cookie ? { cookie } : undefined);

  /** How many multiplexer sockets a replica holds, from its own `/metrics`. */
  async function socketsOf(replica: RunningBackend): Promise<number> {
    const text = await (await fetch(`${replica.url}/metrics`, { headers: headers() })).text();
    return Number(/^porthole_mux_sockets (\d+)/m.exec(text)?.[1] ?? Number.NaN);
  }

  // A short grace: a drained replica answers /readyz 503 for 1 s before it closes its sockets with 1012.
  let replicaArgs = ['--shutdown-grace', '5s'];
  const startReplica = (args: string[] = []) =>
    startBackend({ kubeconfigs: [cluster.kubeconfigPath], args: [...replicaArgs, ...args] });

  beforeAll(async () => {
    cluster = await start({ name: 'replicas' });
    const admin = cluster.client();
    // In `default`, whose service account exists once the cluster is up (a new namespace's comes later).
    await runPod(admin, {
      name: 'counter',
      command: ['sh', '-c', 'i=0; while true; do echo "line $i"; i=$((i+1)); sleep 0.02; done'],
    });
    replicas = await Promise.all(['a', 'b'].map(() => startReplica()));
    nginx = await startNginx({ upstreams: replicas.map((r) => new URL(r.url).host) });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await nginx?.stop();
    await Promise.all(replicas.map((r) => r.stop()));
    await cluster?.stop();
  });

  /**
   * Follows a watch (of a fresh namespace) and the counter's log through nginx, stops the replica holding
   * the socket with `stop`, checks the resume on the other one, then puts a fresh replica on the stopped
   * one's port. Prints the time to resume.
   */
  async function failover(namespace: string, how: string, stop: (replica: RunningBackend) => Promise<void>) {
    await cluster.client().must('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
    const client = createMuxClient({
      url: `${nginx.url}/ws`,
      backoff: { initialMs: 100, maxMs: 1_000 },
      ...(cookie ? { WebSocket: webSocketWithCookie(cookie) } : {}),
    });
    clients.push(client);
    const live = client.watch<KubeObject>({
      cluster: cluster.contexts.admin,
      group: '',
      version: 'v1',
      resource: 'configmaps',
      namespace,
    });
    const log = client.logs({
      cluster: cluster.contexts.admin,
      namespace: 'default',
      pod: 'counter',
      follow: true,
    });

    // Every event and line as delivered, stamped with when it came.
    const events: { at: number; type: string; uid: string; rv: number }[] = [];
    let syncs = 0;
    live.subscribe((change) => {
      if (change.type === 'sync') syncs++;
      if (change.type !== 'events') return;
      for (const { type, object } of change.events) {
        const uid = String(object.metadata.uid);
        events.push({ at: Date.now(), type, uid, rv: Number(object.metadata.resourceVersion) });
      }
    });
    let reopenedAt = 0;
    let dropped = false;
    client.onStateChange((state) => {
      if (state === 'reconnecting') dropped = true;
      if (state === 'open' && dropped && reopenedAt === 0) reopenedAt = Date.now();
    });
    const lines: { at: number; n: number }[] = [];
    log.onLines((batch) => {
      for (const line of batch) lines.push({ at: Date.now(), n: Number(/^line (\d+)$/.exec(line)?.[1]) });
    });
    await waitFor(
      'the watch to sync and the log to flow',
      () => live.status() === 'live' && lines.length > 10,
    );

    // A writer creating ConfigMaps one after another, before, during and after the kill.
    const created: string[] = [];
    let writing = true;
    const writer = (async () => {
      const api = cluster.client();
      for (let n = 0; writing; n++) {
        const cm = await api.must<KubeObject>('POST', `/api/v1/namespaces/${namespace}/configmaps`, {
          metadata: { name: `cm-${n}` },
        });
        created.push(String(cm.metadata.uid));
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await waitFor('some changes through the first replica', () => events.length >= 20);

    const holders = await Promise.all(replicas.map(socketsOf));
    expect(holders.toSorted()).toEqual([0, 1]);
    const victim = holders[0] === 1 ? 0 : 1;
    const survivor = replicas[1 - victim] as RunningBackend;
    const killed = replicas[victim] as RunningBackend;
    const killedAt = Date.now();
    await stop(killed);

    await waitFor(
      'an event and a log line through the other replica',
      () => reopenedAt > 0 && events.some((e) => e.at >= reopenedAt) && lines.some((l) => l.at >= reopenedAt),
      60_000,
      10,
    );
    const firstEventAfter = (events.find((e) => e.at >= reopenedAt)?.at ?? 0) - killedAt;
    const firstLineAfter = (lines.find((l) => l.at >= reopenedAt)?.at ?? 0) - killedAt;
    expect(await socketsOf(survivor)).toBe(1);
    await new Promise((r) => setTimeout(r, 1_000)); // more changes through the survivor
    writing = false;
    await writer;

    await waitFor(
      'the client to hold exactly the API server LIST',
      async () => {
        const list = await cluster
          .client()
          .must<{ items: KubeObject[] }>('GET', `/api/v1/namespaces/${namespace}/configmaps`);
        return live.status() === 'live' && objectRows(live.items()).join() === objectRows(list.items).join();
      },
      30_000,
      100,
    );
    const lastLine = lines.at(-1)?.n ?? 0;
    await waitFor('a few more log lines', () => (lines.at(-1)?.n ?? 0) > lastLine + 5, 30_000, 20);

    // One sync only: the other replica resumed from the client's resourceVersion (never seen there) and
    // sent the changes since as events. No lost event: every ConfigMap written came as its own ADDED
    // (all were written after the first sync). No duplicated one: one ADDED per object, and
    // resourceVersions strictly increasing across the kill (a replayed event would go back).
    expect(syncs).toBe(1);
    const added = events.filter((e) => e.type === 'ADDED').map((e) => e.uid);
    expect(created.filter((uid) => !added.includes(uid))).toEqual([]);
    expect(added.length).toBe(new Set(added).size);
    const backwards = events.filter((e, i) => i > 0 && e.rv <= (events[i - 1]?.rv ?? 0));
    expect(backwards).toEqual([]);
    // No lost and no repeated log line: the counter's lines are consecutive from the first one seen.
    const numbers = lines.map((l) => l.n);
    const first = numbers[0] ?? 0;
    expect(numbers).toEqual(numbers.map((_, i) => first + i));

    console.log(
      `replicas behind nginx (${how} the replica holding the socket): resumed on the other after ` +
        `${reopenedAt - killedAt} ms (socket open again), ${firstEventAfter} ms (first event), ` +
        `${firstLineAfter} ms (first log line); ` +
        `${created.length} ConfigMaps, ${events.length} events, ${syncs} sync(s), ${numbers.length} log lines`,
    );
    client.close();
    // A fresh replica where the stopped one was, so the next scenario has two again.
    if (killed.child.exitCode === null && killed.child.signalCode === null) await once(killed.child, 'exit');
    replicas[victim] = await startReplica(['--port', new URL(killed.url).port]);
  }

  it('SIGKILL the replica holding the socket during a watch and a log follow: resumes on the other, nothing lost or doubled', async () => {
    await failover('replicas-kill', 'SIGKILL', async (replica) => {
      replica.child.kill('SIGKILL');
      await once(replica.child, 'exit');
    });
  });

  it('SIGTERM (drain) the replica holding the socket: its 1012 sends the client through nginx to the other, nothing lost or doubled', async () => {
    await failover('replicas-drain', 'SIGTERM', async (replica) => {
      replica.child.kill('SIGTERM');
    });
  });

  it('with --auth token and a shared --session-secret-file: the session is kept across the failover', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'porthole-replicas-'));
    try {
      const secretFile = join(dir, 'session-secret');
      await writeFile(secretFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
      // The same two ports (nginx keeps its upstreams), now in token mode with one shared key.
      const ports = replicas.map((r) => new URL(r.url).port);
      await Promise.all(replicas.map((r) => r.stop()));
      replicaArgs = ['--shutdown-grace', '5s', '--auth', 'token', '--session-secret-file', secretFile];
      replicas = await Promise.all(ports.map((port) => startReplica(['--port', port])));

      const login = await fetch(`${nginx.url}/api/login/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-porthole-request': '1' },
        body: JSON.stringify({ token: cluster.tokens.admin, context: cluster.contexts.admin }),
      });
      expect(login.status).toBe(200);
      cookie = login.headers.get('set-cookie')?.split(';')[0];
      expect(cookie).toMatch(/^porthole_session=/);
      const session = async (url: string) => {
        const res = await fetch(`${url}/api/session`, { headers: headers() });
        return { status: res.status, body: (await res.json()) as { user?: { name: string } } };
      };
      // Without the cookie a socket is refused: the failover below only works because the session holds.
      expect((await fetch(`${nginx.url}/api/session`)).status).toBe(401);
      expect(await session(nginx.url)).toMatchObject({ status: 200, body: { user: { name: 'admin' } } });

      await failover('replicas-token', 'SIGKILL, --auth token,', async (replica) => {
        replica.child.kill('SIGKILL');
        await once(replica.child, 'exit');
      });
      // Every replica (the survivor and the fresh one) opens the same cookie.
      for (const replica of replicas) {
        expect(await session(replica.url)).toMatchObject({ status: 200, body: { user: { name: 'admin' } } });
      }
      expect(await session(nginx.url)).toMatchObject({ status: 200, body: { user: { name: 'admin' } } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
