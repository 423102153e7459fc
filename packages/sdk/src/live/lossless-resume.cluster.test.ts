// Issue 4's acceptance: lossless resume. A writer makes 5,000 changes to ConfigMaps while the client's
// socket is dropped 100 times (and, in the second test, while the backend process is killed and restarted
// 5 times). Afterwards the client's set equals the API server's LIST exactly, and at no moment did it
// hold an object whose delete had been acknowledged before the state it was showing.
import { once } from 'node:events';
import { type RunningBackend, startBackend } from '@porthole/backend/testing';
import type { KubeObject } from '@porthole/protocol';
import {
  freePort,
  objectRows,
  start,
  startTcpRelay,
  type TcpRelay,
  type TestCluster,
  waitFor,
} from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveCollection } from './live-collection.ts';
import { createMuxClient, type MuxClient } from './mux-client.ts';

/** A deterministic random source, so a failure can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * Watches `live` for the "no ghost" property: once the client shows a state at resourceVersion R, no
 * object whose delete was acknowledged at or before R may be in it. A delete's point is the
 * resourceVersion of the writer's next write (writes are sequential, so it comes after the delete).
 */
function createGhostCheck(live: LiveCollection<KubeObject>) {
  const deleted: { uid: string; at: number }[] = [];
  const ghosts: string[] = [];
  live.subscribe(() => {
    const version = Number(live.resourceVersion());
    for (const d of deleted) {
      if (d.at <= version && live.get(d.uid))
        ghosts.push(`${d.uid} (deleted by ${d.at}, shown at ${version})`);
    }
  });
  return { deleted, ghosts };
}

/** 5,000 sequential creates, updates and deletes; calls `onChange(n)` after each. */
async function writeChanges(
  cluster: TestCluster,
  namespace: string,
  count: number,
  random: () => number,
  onDelete: (uid: string) => (nextVersion: number) => void,
  onChange: (n: number) => Promise<void>,
): Promise<void> {
  const api = cluster.client();
  const path = `/api/v1/namespaces/${namespace}/configmaps`;
  const live = new Map<string, string>(); // name -> uid
  let pendingDeletes: ((nextVersion: number) => void)[] = [];
  let serial = 0;
  for (let n = 0; n < count; n++) {
    const names = [...live.keys()];
    const roll = random();
    let version: number;
    if (names.length < 20 || roll < 0.4) {
      const name = `cm-${serial++}`;
      const created = await api.must<KubeObject>('POST', path, {
        metadata: { name },
        data: { n: String(n) },
      });
      live.set(name, String(created.metadata.uid));
      version = Number(created.metadata.resourceVersion);
    } else if (roll < 0.8) {
      const name = names[Math.floor(random() * names.length)] as string;
      const patched = await api.must<KubeObject>(
        'PATCH',
        `${path}/${name}`,
        { data: { n: String(n) } },
        {
          contentType: 'application/merge-patch+json',
        },
      );
      version = Number(patched.metadata.resourceVersion);
    } else {
      const name = names[Math.floor(random() * names.length)] as string;
      await api.must('DELETE', `${path}/${name}`);
      const uid = live.get(name) as string;
      live.delete(name);
      for (const settle of pendingDeletes) settle(Number.NaN);
      pendingDeletes = [onDelete(uid)];
      await onChange(n);
      continue;
    }
    for (const settle of pendingDeletes) settle(version);
    pendingDeletes = [];
    await onChange(n);
  }
}

describe('lossless resume through the multiplexer', () => {
  let cluster: TestCluster;
  let port: number;
  let backend: RunningBackend;
  let relay: TcpRelay;
  const clients: MuxClient[] = [];

  const startServe = () =>
    startBackend({ kubeconfigs: [cluster.kubeconfigPath], args: ['--port', String(port)] });
  const list = async (namespace: string) =>
    (
      await cluster
        .client()
        .must<{ items: KubeObject[] }>('GET', `/api/v1/namespaces/${namespace}/configmaps`)
    ).items;
  const converged = (live: LiveCollection<KubeObject>, namespace: string) =>
    waitFor(
      'the client to hold exactly the API server LIST',
      async () => {
        if (live.status() !== 'live') return false;
        return objectRows(live.items()).join() === objectRows(await list(namespace)).join();
      },
      60_000,
      250,
    );
  function watch(client: MuxClient, namespace: string) {
    return client.watch({
      cluster: cluster.contexts.admin,
      group: '',
      version: 'v1',
      resource: 'configmaps',
      namespace,
    });
  }
  function ghostTracker(live: LiveCollection<KubeObject>) {
    const check = createGhostCheck(live);
    return {
      check,
      onDelete: (uid: string) => (at: number) => {
        // A delete followed by another delete: its point comes with the next create or update.
        if (!Number.isNaN(at)) check.deleted.push({ uid, at });
      },
    };
  }

  beforeAll(async () => {
    cluster = await start({ name: 'lossless' });
    port = await freePort();
    backend = await startServe();
    relay = await startTcpRelay({ targetHost: '127.0.0.1', targetPort: port });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await relay?.close();
    await backend?.stop();
    await cluster?.stop();
  });

  it('holds exactly the API server set after 5,000 changes with the socket dropped 100 times', async () => {
    const namespace = 'drops';
    await cluster.client().must('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
    const client = createMuxClient({
      url: `http://127.0.0.1:${relay.port}/ws`,
      backoff: { initialMs: 20, maxMs: 300 },
    });
    clients.push(client);
    const live = watch(client, namespace);
    await waitFor('the first sync', () => live.status() === 'live');
    const { check, onDelete } = ghostTracker(live);

    const random = seededRandom(4);
    const dropAt = new Set(Array.from({ length: 100 }, (_, i) => Math.floor((i + random()) * 50)));
    let drops = 0;
    let owed = 0;
    await writeChanges(cluster, namespace, 5_000, random, onDelete, async (n) => {
      if (dropAt.has(n)) owed++;
      // A drop only counts when it cut a live socket (not one still reconnecting from the last drop).
      if (owed > 0 && relay.cut() > 0) {
        owed--;
        drops++;
      }
    });
    while (owed > 0) {
      await waitFor('a socket to cut', () => relay.connections() > 0, 10_000, 5);
      if (relay.cut() > 0) {
        owed--;
        drops++;
      }
    }
    expect(drops).toBe(100);
    await converged(live, namespace);
    expect(check.ghosts).toEqual([]);
    expect(check.deleted.length).toBeGreaterThan(500);
  });

  it('holds exactly the API server set after the backend process was killed and restarted 5 times during the changes', async () => {
    const namespace = 'restarts';
    await cluster.client().must('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
    const client = createMuxClient({ url: `${backend.url}/ws`, backoff: { initialMs: 50, maxMs: 500 } });
    clients.push(client);
    const live = watch(client, namespace);
    await waitFor('the first sync', () => live.status() === 'live');
    const { check, onDelete } = ghostTracker(live);

    const restartAt = new Set([500, 1500, 2500, 3500, 4500]);
    let restarts = 0;
    await writeChanges(cluster, namespace, 5_000, seededRandom(9), onDelete, async (n) => {
      if (!restartAt.has(n)) return;
      backend.child.kill('SIGKILL');
      await once(backend.child, 'exit');
      backend = await startServe();
      restarts++;
    });
    expect(restarts).toBe(5);
    await converged(live, namespace);
    expect(check.ghosts).toEqual([]);
  });
});
