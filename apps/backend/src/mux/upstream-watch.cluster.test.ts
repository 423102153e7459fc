import { spawnSync } from 'node:child_process';
import type { KubeObject } from '@porthole/protocol';
import { start, type TestCluster, waitFor } from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedContext } from '../clusters/resolved-context.ts';
import { staticTokenCredentials, testContext, unchangedHeaders } from '../proxy/test-backend.ts';
import {
  createUpstreamWatch,
  type UpstreamWatch,
  type UpstreamWatchOptions,
  type WatchUpdate,
} from './upstream-watch.ts';

type Row = [name: string | undefined, uid: string | undefined, resourceVersion: string | undefined];

/** Names, uids and resourceVersions, sorted: what "equal to the API server's LIST" compares. */
function rows(items: readonly KubeObject[]): Row[] {
  return items
    .map((item): Row => [item.metadata.name, item.metadata.uid, item.metadata.resourceVersion])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}

/** Runs `tasks` with at most `width` in flight. */
function names(items: readonly KubeObject[]): string[] {
  return items.map((item) => String(item.metadata.name)).sort();
}

async function inParallel(width: number, tasks: (() => Promise<unknown>)[]): Promise<void> {
  const queue = [...tasks];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let task = queue.shift(); task; task = queue.shift()) await task();
    }),
  );
}

describe('createUpstreamWatch', () => {
  let cluster: TestCluster;
  let admin: ResolvedContext;
  const watches: UpstreamWatch[] = [];

  function watch(options: Partial<UpstreamWatchOptions> & { namespace?: string }) {
    const { namespace, ...rest } = options;
    const upstream = createUpstreamWatch({
      context: admin,
      credentials: staticTokenCredentials(),
      adapterFor: () => unchangedHeaders,
      target: { group: '', version: 'v1', resource: 'configmaps', namespace },
      backoff: { initialMs: 100, maxMs: 1000 },
      ...rest,
    });
    watches.push(upstream);
    const updates: WatchUpdate[] = [];
    upstream.subscribe((update) => updates.push(update));
    return { upstream, updates };
  }

  const list = (namespace: string) =>
    cluster
      .client()
      .must<{ items: KubeObject[]; metadata: { resourceVersion: string } }>(
        'GET',
        `/api/v1/namespaces/${namespace}/configmaps`,
      );
  const createNamespace = (name: string) =>
    cluster
      .client()
      .must('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  const createConfigMap = (namespace: string, name: string) =>
    cluster.client().must<KubeObject>('POST', `/api/v1/namespaces/${namespace}/configmaps`, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name },
      data: { n: '0' },
    });

  const podTemplate = (name: string) => ({
    apiVersion: 'v1',
    kind: 'PodTemplate',
    metadata: { name },
    template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } },
  });

  beforeAll(async () => {
    cluster = await start({
      name: 'mux-watch',
      kubelet: false,
      controllerManager: false,
      apiserverFlags: ['--etcd-compaction-interval=2s', '--watch-cache-sizes=podtemplates#0'],
    });
    admin = testContext({
      name: 'admin',
      server: cluster.server,
      caPem: cluster.caPem,
      token: cluster.tokens.admin,
    });
  });

  afterAll(async () => {
    for (const upstream of watches) upstream.stop();
    await cluster?.stop();
  });

  it('keeps a snapshot equal to the LIST while 200 ConfigMaps are created, updated and deleted', async () => {
    await createNamespace('churn');
    const { upstream, updates } = watch({ namespace: 'churn' });
    await waitFor('initial sync', () => updates.some((u) => u.kind === 'sync'));
    const client = cluster.client();
    const base = '/api/v1/namespaces/churn/configmaps';
    const versions: number[] = [];
    const seen = (object: KubeObject) => versions.push(Number(object.metadata.resourceVersion));
    const names = Array.from({ length: 200 }, (_, i) => `cm-${i}`);
    await inParallel(
      8,
      names.map((name) => async () => seen(await createConfigMap('churn', name))),
    );
    await inParallel(
      8,
      names.map(
        (name) => async () =>
          seen(
            await client.must<KubeObject>(
              'PATCH',
              `${base}/${name}`,
              { data: { n: '1' } },
              {
                contentType: 'application/merge-patch+json',
              },
            ),
          ),
      ),
    );
    await inParallel(
      8,
      names
        .filter((_, i) => i % 2 === 0)
        .map((name) => async () => seen(await client.must<KubeObject>('DELETE', `${base}/${name}`))),
    );
    // DELETE answers a Status without a resourceVersion: a last create marks the end of the writes, so the
    // watch has seen every write once its resourceVersion reaches the marker's.
    seen(await createConfigMap('churn', 'marker'));
    const newest = Math.max(...versions.filter(Number.isFinite));
    await waitFor(
      'the watch to catch up',
      () => Number(upstream.snapshot()?.resourceVersion ?? '0') >= newest,
    );
    const listed = await list('churn');
    expect(Number(upstream.snapshot()?.resourceVersion ?? '0')).toBeGreaterThanOrEqual(newest);
    expect(listed.items).toHaveLength(101);
    expect(rows(upstream.snapshot()?.items ?? [])).toEqual(rows(listed.items));
    expect(updates.filter((u) => u.kind === 'sync')).toHaveLength(1);
    const events = updates.flatMap((u) => (u.kind === 'events' ? u.events : []));
    expect(events.filter((e) => e.type === 'ADDED')).toHaveLength(201);
    expect(events.filter((e) => e.type === 'MODIFIED')).toHaveLength(200);
    expect(events.filter((e) => e.type === 'DELETED')).toHaveLength(100);
  });

  it('gives a late subscriber the cached state as a sync without a new LIST', async () => {
    const requests: string[] = [];
    const { upstream } = watch({ namespace: 'churn', onRequest: (r) => requests.push(r.kind) });
    await waitFor('initial sync', () => upstream.snapshot());
    const late: WatchUpdate[] = [];
    upstream.subscribe((update) => late.push(update));
    expect(late).toHaveLength(1);
    expect(late[0]?.kind === 'sync' && late[0].items).toHaveLength(101);
    expect(requests.filter((kind) => kind === 'list')).toHaveLength(1);
  });

  it('resumes from the last resourceVersion without a new LIST after the API server ends the watch', async () => {
    await createNamespace('resume');
    const requests: string[] = [];
    const { updates } = watch({
      namespace: 'resume',
      watchTimeoutSeconds: 1,
      onRequest: (r) => requests.push(r.kind),
    });
    await waitFor('two ended watches', () => requests.filter((kind) => kind === 'watch').length >= 3, 10_000);
    const created = await createConfigMap('resume', 'after-resume');
    await waitFor('the ADDED event', () =>
      updates.some(
        (u) => u.kind === 'events' && u.events.some((e) => e.object.metadata.uid === created.metadata.uid),
      ),
    );
    expect(requests.filter((kind) => kind === 'list')).toHaveLength(1);
    expect(updates.filter((u) => u.kind === 'sync')).toHaveLength(1);
    expect(updates.filter((u) => u.kind === 'status')).toEqual([{ kind: 'status', state: 'live' }]);
  });

  it('fetches the initial LIST in pages of pageSize', async () => {
    await createNamespace('paged');
    await inParallel(
      8,
      Array.from({ length: 230 }, (_, i) => () => createConfigMap('paged', `cm-${i}`)),
    );
    const paths: string[] = [];
    const { updates } = watch({
      namespace: 'paged',
      pageSize: 50,
      onRequest: (r) => {
        if (r.kind === 'list') paths.push(r.path);
      },
    });
    const sync = await waitFor('initial sync', () => updates.find((u) => u.kind === 'sync'));
    expect(sync.kind === 'sync' && rows(sync.items)).toEqual(rows((await list('paged')).items));
    expect(sync.kind === 'sync' && sync.items).toHaveLength(230);
    expect(paths).toHaveLength(5);
    expect(paths.every((path) => path.includes('limit=50'))).toBe(true);
    expect(paths.slice(1).every((path) => path.includes('continue='))).toBe(true);
  });

  it('publishes each page but the last as a chunk before it asks for the next; the sync completes them', async () => {
    await createNamespace('chunked');
    await inParallel(
      8,
      Array.from({ length: 120 }, (_, i) => () => createConfigMap('chunked', `cm-${i}`)),
    );
    const log: string[] = [];
    const upstream = createUpstreamWatch({
      context: admin,
      credentials: staticTokenCredentials(),
      adapterFor: () => unchangedHeaders,
      target: { group: '', version: 'v1', resource: 'configmaps', namespace: 'chunked' },
      pageSize: 50,
      onRequest: (r) => log.push(r.kind),
    });
    watches.push(upstream);
    const updates: WatchUpdate[] = [];
    upstream.subscribe((update) => {
      updates.push(update);
      log.push(update.kind);
    });
    const sync = await waitFor('the completing sync', () => updates.find((u) => u.kind === 'sync'));
    // Streaming: each chunk went out before the next page was even asked for, so before the LIST ended.
    expect(log.slice(0, 6)).toEqual(['list', 'chunk', 'list', 'chunk', 'list', 'sync']);
    const chunks = updates.filter((u) => u.kind === 'chunk');
    expect(chunks.map((c) => [c.first, c.items.length, c.remainingItemCount])).toEqual([
      [true, 50, 70],
      [false, 50, 20],
    ]);
    if (sync.kind !== 'sync') throw new Error('not a sync');
    expect(sync.lastPage).toHaveLength(20);
    // Each page's text, as the API server sent it, goes out as is: it says exactly what was parsed.
    for (const c of chunks) expect(JSON.parse(c.itemsText ?? 'null')).toEqual(c.items);
    expect(JSON.parse(sync.lastPageText ?? 'null')).toEqual(sync.lastPage);
    const assembled = [...chunks.flatMap((c) => c.items), ...(sync.lastPage ?? [])];
    expect(rows(assembled)).toEqual(rows((await list('chunked')).items));
    expect(rows(sync.items)).toEqual(rows(assembled));
  });

  it('relists and publishes a fresh sync when its resourceVersion has expired (410), then goes on', async () => {
    // PodTemplates are watched straight from etcd here (no watch cache), and etcd compacts every 2 s:
    // a resume point from before a compaction answers with an ERROR event, code 410.
    await createNamespace('expiry');
    const base = '/api/v1/namespaces/expiry/podtemplates';
    const client = cluster.client();
    await client.must('POST', base, podTemplate('old'));
    const stale = await client.must<{ items: KubeObject[]; metadata: { resourceVersion: string } }>(
      'GET',
      base,
    );
    await client.must('DELETE', `${base}/old`);
    for (let i = 0; i < 20; i++) await client.must('POST', base, podTemplate(`t-${i}`));
    // Wait until etcd has compacted past the stale resourceVersion, asking the API server itself (no
    // fixed sleep: a compaction can come later than 2 s on a busy machine).
    await waitFor(
      'etcd to compact past the stale resourceVersion',
      async () => {
        const answer = await client.request(
          'GET',
          `${base}?watch=1&resourceVersion=${stale.metadata.resourceVersion}&timeoutSeconds=1`,
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

    const requests: string[] = [];
    const { upstream, updates } = watch({
      target: { group: '', version: 'v1', resource: 'podtemplates', namespace: 'expiry' },
      initial: { items: stale.items, resourceVersion: stale.metadata.resourceVersion },
      onRequest: (r) => requests.push(r.kind),
      pageSize: 8,
    });
    const isFresh = (u: WatchUpdate) =>
      u.kind === 'sync' && u.resourceVersion !== stale.metadata.resourceVersion;
    const fresh = await waitFor('a fresh sync', () => updates.find(isFresh));
    expect(updates[0]).toMatchObject({ kind: 'sync', resourceVersion: stale.metadata.resourceVersion });
    // The relist streams its pages (20 templates in pages of 8: two chunks, the last page in the sync).
    const between = updates.slice(1, updates.indexOf(fresh));
    expect(between.map((u) => (u.kind === 'chunk' ? `chunk:${u.first}` : u.kind))).toEqual([
      'status',
      'chunk:true',
      'chunk:false',
    ]);
    expect(between[0]).toEqual({ kind: 'status', state: 'resyncing' });
    expect(requests.slice(0, 2)).toEqual(['watch', 'list']);
    const listed = await client.must<{ items: KubeObject[] }>('GET', base);
    expect(fresh.kind === 'sync' && rows(fresh.items)).toEqual(rows(listed.items));
    expect(fresh.kind === 'sync' && fresh.items.map((item) => item.metadata.name)).not.toContain('old');
    // What a chunked client assembles (the chunks since the first, then the last page) is the LIST:
    // no stale object from before the 410, none twice.
    const assembled = [
      ...between.flatMap((u) => (u.kind === 'chunk' ? u.items : [])),
      ...(fresh.kind === 'sync' ? (fresh.lastPage ?? []) : []),
    ];
    expect(rows(assembled)).toEqual(rows(listed.items));

    const created = await client.must<KubeObject>('POST', base, podTemplate('after-410'));
    const added = await waitFor('the ADDED event', () =>
      updates
        .flatMap((u) => (u.kind === 'events' ? u.events : []))
        .find((e) => e.object.metadata.name === 'after-410'),
    );
    expect(added).toMatchObject({ type: 'ADDED', object: { metadata: { uid: created.metadata.uid } } });
    expect(rows(upstream.snapshot()?.items ?? [])).toEqual(
      rows((await client.must<{ items: KubeObject[] }>('GET', base)).items),
    );
    expect(updates.filter((u) => u.kind === 'status').at(-1)).toEqual({ kind: 'status', state: 'live' });
  });

  it('starts the chunks over when a continue token expires mid-LIST: the assembled set is the new LIST, nothing stale or doubled', async () => {
    await createNamespace('midlist');
    const base = '/api/v1/namespaces/midlist/podtemplates';
    const client = cluster.client();
    for (let i = 0; i < 30; i++)
      await client.must('POST', base, podTemplate(`t-${String(i).padStart(2, '0')}`));
    const kubectl = (...args: string[]) =>
      spawnSync(
        'kubectl',
        ['--kubeconfig', cluster.kubeconfigPath, '--context', cluster.contexts.admin, ...args],
        { encoding: 'utf8', timeout: 15_000 },
      );
    let blocked = false;
    const { upstream, updates: log } = watch({
      target: { group: '', version: 'v1', resource: 'podtemplates', namespace: 'midlist' },
      pageSize: 10,
    });
    // On the first chunk the LIST is half-way: hold this process (synchronously, as a slow backend
    // would) while kubectl deletes an object and etcd compacts past the continue token's revision.
    upstream.subscribe((update) => {
      if (update.kind !== 'chunk' || blocked) return;
      blocked = true;
      kubectl('delete', 'podtemplate', '-n', 'midlist', 't-00', '--wait=false');
      // The API server's own LIST (kubectl get builds its list client-side, without a resourceVersion).
      const now = kubectl('get', '--raw', `${base}?limit=1`);
      const stale = String(
        (JSON.parse(now.stdout) as { metadata: { resourceVersion: string } }).metadata.resourceVersion,
      );
      // One write after it, so a compaction passes it; etcd compacts every 2 s here.
      kubectl('create', 'configmap', 'tick', '-n', 'midlist');
      for (let i = 0; i < 30 && stale; i++) {
        spawnSync('sleep', ['1']);
        const probe = kubectl('get', '--raw', `${base}?watch=1&resourceVersion=${stale}&timeoutSeconds=1`);
        if (probe.status !== 0 || /"code":\s*410/.test(probe.stdout)) break;
      }
    });
    const sync = await waitFor('the completing sync', () => log.find((u) => u.kind === 'sync'), 90_000);
    const chunks = log.flatMap((u) => (u.kind === 'chunk' ? [u] : []));
    const restarts = chunks.filter((c) => c.first);
    expect(blocked).toBe(true);
    // The first LIST's token expired: a second LIST started over with a first chunk.
    expect(restarts.length).toBeGreaterThanOrEqual(2);
    const lastRun = chunks.slice(chunks.lastIndexOf(restarts.at(-1) as (typeof chunks)[number]));
    const assembled = [
      ...lastRun.flatMap((c) => c.items),
      ...(sync.kind === 'sync' ? (sync.lastPage ?? []) : []),
    ];
    const listed = await client.must<{ items: KubeObject[] }>('GET', base);
    expect(rows(assembled)).toEqual(rows(listed.items));
    expect(names(assembled)).not.toContain('t-00');
    expect(names(assembled)).toHaveLength(29);
  });

  it('publishes one 403 error and then nothing when the LIST is forbidden', async () => {
    // Without the controller manager, ClusterRole `view` has no aggregated rules: viewer may read nothing.
    const viewer = testContext({
      name: 'viewer',
      server: cluster.server,
      caPem: cluster.caPem,
      token: cluster.tokens.viewer,
    });
    const requests: string[] = [];
    const { upstream, updates } = watch({
      context: viewer,
      namespace: 'churn',
      onRequest: (r) => requests.push(r.kind),
    });
    await waitFor('the error', () => updates.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(updates).toEqual([
      { kind: 'error', code: 403, reason: 'Forbidden', message: expect.stringContaining('viewer') },
    ]);
    expect(requests).toEqual(['list']);
    expect(upstream.snapshot()).toBeUndefined();
  });

  it('with listAt lists the state at that resourceVersion and brings the changes since as events; a compacted one lists the present', async () => {
    await createNamespace('at');
    await createConfigMap('at', 'a');
    const then = (await list('at')).metadata.resourceVersion;
    await createConfigMap('at', 'b');
    await cluster.client().must('DELETE', '/api/v1/namespaces/at/configmaps/a');

    const resumed = watch({ namespace: 'at', listAt: then });
    await waitFor('the changes since', () => resumed.updates.filter((u) => u.kind === 'events').length > 0);
    await waitFor('both changes', () => names(resumed.upstream.snapshot()?.items ?? []).join() === 'b');
    const first = resumed.updates[0];
    expect(first?.kind === 'sync' && [first.resourceVersion, names(first.items)]).toEqual([then, ['a']]);
    const changes = resumed.updates
      .flatMap((u) => (u.kind === 'events' ? u.events : []))
      .map((e) => `${e.type} ${e.object.metadata.name}`);
    expect(changes).toEqual(['ADDED b', 'DELETED a']);

    // This cluster compacts etcd every 2 s: soon `then` is gone, and the same request lists the present.
    await waitFor(
      'etcd to compact past it',
      async () => {
        const answer = await cluster
          .client()
          .request(
            'GET',
            `/api/v1/namespaces/at/configmaps?limit=1&resourceVersion=${then}&resourceVersionMatch=Exact`,
          );
        return answer.status === 410;
      },
      30_000,
      500,
    );
    const late = watch({ namespace: 'at', listAt: then });
    await waitFor('a sync', () => late.updates.some((u) => u.kind === 'sync'));
    const sync = late.updates[0];
    expect(sync?.kind === 'sync' && names(sync.items)).toEqual(['b']);
    expect(sync?.kind === 'sync' && sync.resourceVersion).not.toBe(then);

    // A version that is no version (hostile client input) is refused by the API server: the present too.
    const junk = watch({ namespace: 'at', listAt: '1&watch=1' });
    await waitFor('a sync', () => junk.updates.some((u) => u.kind === 'sync'));
    const junkSync = junk.updates[0];
    expect(junkSync?.kind === 'sync' && names(junkSync.items)).toEqual(['b']);
  });
});
