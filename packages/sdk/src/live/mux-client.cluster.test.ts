import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type RunningBackend, startBackend } from '@porthole/backend/testing';
import type { KubeObject } from '@porthole/protocol';
import {
  freePort,
  objectRows,
  runPod,
  start,
  startTcpRelay,
  type TcpRelay,
  type TestCluster,
  waitFor,
} from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../http/http-client.ts';
import { createResources } from '../http/resources.ts';
import type { LiveCollection } from './live-collection.ts';
import { createMuxClient, type MuxClient } from './mux-client.ts';

const run = promisify(execFile);

/** The SDK's multiplexer client in Node (global WebSocket), through the real `porthole serve`. */
describe('createMuxClient', () => {
  const ns = 'sdk-mux';
  const cutsNs = 'sdk-mux-cuts';
  const restartNs = 'sdk-mux-restart';
  let cluster: TestCluster;
  let port: number;
  let backend: RunningBackend;
  let relay: TcpRelay | undefined;
  const clients: MuxClient[] = [];

  const startServe = () =>
    startBackend({ kubeconfigs: [cluster.kubeconfigPath], args: ['--port', String(port)] });
  const connect = (url = `${backend.url}/ws`) => {
    const client = createMuxClient({ url, backoff: { initialMs: 50, maxMs: 1_000 }, heartbeatMs: 2_000 });
    clients.push(client);
    return client;
  };
  const configMaps = (namespace = ns) => ({
    cluster: cluster.contexts.admin,
    group: '',
    version: 'v1',
    resource: 'configmaps',
    namespace,
  });
  const kubectlIn = (namespace: string, ...args: string[]) =>
    run('kubectl', [
      '--kubeconfig',
      cluster.kubeconfigPath,
      '--context',
      cluster.contexts.admin,
      '-n',
      namespace,
      ...args,
    ]);
  const kubectl = (...args: string[]) => kubectlIn(ns, ...args);
  const apiList = async (namespace: string) =>
    (
      await cluster
        .client()
        .must<{ items: KubeObject[] }>('GET', `/api/v1/namespaces/${namespace}/configmaps`)
    ).items;
  /** The backend's count of upstream watches (lingering ones included), from its /metrics. */
  const upstreamWatches = async () => {
    const text = await (await fetch(`${backend.url}/metrics`)).text();
    return Number(/^porthole_mux_upstream_watches (\d+)$/m.exec(text)?.[1]);
  };
  /** The API server's own count of watchers of ConfigMaps (its /metrics, via kubectl). */
  const apiServerWatchers = async () => {
    const { stdout } = await run(
      'kubectl',
      ['--kubeconfig', cluster.kubeconfigPath, 'get', '--raw', '/metrics'],
      {
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    return Number(
      /^apiserver_registered_watchers\{group="",kind="ConfigMap",version="v1"\} (\d+)$/m.exec(stdout)?.[1],
    );
  };
  /** Waits until `live` is live and holds exactly what the API server lists in `namespace`. */
  const converged = (live: LiveCollection<KubeObject>, what: string, namespace = ns) =>
    waitFor(what, async () => {
      if (live.status() !== 'live') return false;
      const expected = objectRows(await apiList(namespace));
      return JSON.stringify(objectRows(live.items())) === JSON.stringify(expected) && expected;
    });

  beforeAll(async () => {
    cluster = await start({ name: 'sdkmux' });
    port = await freePort();
    backend = await startServe();
    // One namespace per scenario, so that no test joins another's upstream watch in the backend.
    for (const name of [ns, cutsNs, restartNs])
      await cluster.client().must('POST', '/api/v1/namespaces', { metadata: { name } });
    await waitFor('kube-root-ca.crt in the new namespace', async () => {
      const got = await cluster
        .client()
        .request('GET', `/api/v1/namespaces/${ns}/configmaps/kube-root-ca.crt`);
      return got.status === 200;
    });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await relay?.close();
    await backend?.stop();
    await cluster?.stop();
  });

  it('lists ConfigMaps, then follows creates, updates and deletes from kubectl and over HTTP', async () => {
    await kubectl('create', 'configmap', 'pre', '--from-literal=a=1');
    const client = connect();
    expect(client.state()).toBe('idle');
    const live = client.watch(configMaps());
    expect(live.status()).toBe('loading');
    await converged(live, 'the first sync');
    expect(client.state()).toBe('open');
    // The controller manager puts kube-root-ca.crt into every namespace.
    expect(live.items().map((o) => o.metadata.name)).toEqual(['kube-root-ca.crt', 'pre']);

    const resources = createResources(createHttpClient({ baseUrl: backend.url }));
    await resources.create(configMaps(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'http' } });
    await kubectl('create', 'configmap', 'cli', '--from-literal=b=2');
    await kubectl('patch', 'configmap', 'pre', '--type=merge', '-p', '{"data":{"a":"changed"}}');
    await kubectl('delete', 'configmap', 'http');
    await converged(live, 'the watch to show pre and cli');
    expect(live.items().map((o) => o.metadata.name)).toEqual(['cli', 'kube-root-ca.crt', 'pre']);
    const pre = live.items()[2];
    expect(pre && live.get(String(pre.metadata.uid))?.data).toEqual({ a: 'changed' });
    expect(live.resourceVersion()).toBeTruthy();

    live.close();
  });

  it('gives a second client watching the same ConfigMaps (one shared upstream in the backend) the same set', async () => {
    const first = connect().watch(configMaps());
    await converged(first, 'the first client');
    const before = { upstreams: await upstreamWatches(), watchers: await apiServerWatchers() };
    expect(before.upstreams).toBeGreaterThanOrEqual(1);
    expect(before.watchers).toBeGreaterThanOrEqual(1);
    const second = connect().watch(configMaps());
    await converged(second, 'a second client to get the same set');
    expect(objectRows(second.items())).toEqual(objectRows(first.items()));
    // Shared: the backend started no second upstream watch, and the API server has no second watcher.
    expect({ upstreams: await upstreamWatches(), watchers: await apiServerWatchers() }).toEqual(before);
    first.close();
    second.close();
  });

  it('watchOne follows one object from absent to created, changed and deleted', async () => {
    const client = connect();
    const one = client.watchOne({ ...configMaps(), name: 'solo' });
    await waitFor('an empty sync', () => one.status() === 'live');
    expect(one.object()).toBeUndefined();
    await kubectl('create', 'configmap', 'solo', '--from-literal=v=1');
    await waitFor('solo created', () => one.object()?.data);
    await kubectl('patch', 'configmap', 'solo', '--type=merge', '-p', '{"data":{"v":"2"}}');
    await waitFor('solo changed', () => (one.object()?.data as { v?: string } | undefined)?.v === '2');
    await kubectl('delete', 'configmap', 'solo');
    await waitFor('solo deleted', () => one.object() === undefined);
    one.close();
  });

  it("lists the backend's clusters, and reports an unknown cluster as a 404 error", async () => {
    const client = connect();
    const clusters = client.clusters();
    const expected = ((await (await fetch(`${backend.url}/api/clusters`)).json()) as { name: string }[])
      .map((c) => c.name)
      .sort();
    await waitFor('the cluster list', () => clusters.items().length > 0);
    expect(clusters.items().map((c) => c.name)).toEqual(expected);
    expect(clusters.get(cluster.contexts.admin)?.server).toBe(cluster.server);
    const nowhere = client.watch({ ...configMaps(), cluster: 'nowhere' });
    await waitFor('the error', () => nowhere.status() === 'error');
    expect(nowhere.error()?.code).toBe(404);
  });

  it('streams logs and runs commands over the kubelet stand-in (v4 or v5)', async () => {
    await runPod(cluster.client(), {
      name: 'talker',
      command: ['sh', '-c', 'echo one; echo two; sleep 3600'],
    });
    const client = connect();
    const log = client.logs({
      cluster: cluster.contexts.admin,
      namespace: 'default',
      pod: 'talker',
      follow: true,
    });
    await waitFor('two lines', () => log.lines().length >= 2);
    expect(log.lines()).toEqual(['one', 'two']);
    log.close();
    await log.ended;

    const target = { cluster: cluster.contexts.admin, namespace: 'default', pod: 'talker', tty: false };
    const echo = client.exec({
      ...target,
      command: ['sh', '-c', 'echo out; echo err >&2; exit 3'],
      stdin: false,
    });
    const output: string[] = [];
    echo.onOutput((channel, bytes) => output.push(`${channel}:${new TextDecoder().decode(bytes)}`));
    expect((await echo.opened).protocol).toMatch(/^v[45]\.channel\.k8s\.io$/);
    expect((await echo.exit).code).toBe(3);
    expect(output.sort()).toEqual(['1:out\n', '2:err\n']);

    const head = client.exec({ ...target, command: ['head', '-c', '3'], stdin: true });
    let echoed = '';
    head.onOutput((_, bytes) => {
      echoed += new TextDecoder().decode(bytes);
    });
    head.write('abcdef');
    expect(await head.exit).toMatchObject({ code: 0 });
    expect(echoed).toBe('abc');
  });

  it('resumes after its socket is cut again and again: same set as the API server, no log line twice or missing', async () => {
    const cutter = await startTcpRelay({ targetHost: '127.0.0.1', targetPort: port });
    relay = cutter;
    await runPod(cluster.client(), {
      name: 'counter',
      command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo n$i; sleep 0.05; done'],
    });
    const client = connect(`http://127.0.0.1:${cutter.port}/ws`);
    const states: string[] = [];
    client.onStateChange((state) => states.push(state));
    const live = client.watch(configMaps(cutsNs));
    const log = client.logs({
      cluster: cluster.contexts.admin,
      namespace: 'default',
      pod: 'counter',
      follow: true,
    });
    await waitFor('first sync', () => live.status() === 'live');
    const shell = client.exec({
      cluster: cluster.contexts.admin,
      namespace: 'default',
      pod: 'counter',
      command: ['sleep', '60'],
      tty: false,
      stdin: false,
    });
    await shell.opened;

    const api = cluster.client();
    const writer = (async () => {
      for (let i = 0; i < 150; i++) {
        const name = `churn-${i % 20}`;
        const path = `/api/v1/namespaces/${cutsNs}/configmaps`;
        const got = await api.request('GET', `${path}/${name}`);
        if (got.status === 404) await api.must('POST', path, { metadata: { name }, data: { i: String(i) } });
        else if (i % 3 === 0) await api.must('DELETE', `${path}/${name}`);
        else
          await api.must(
            'PATCH',
            `${path}/${name}`,
            { data: { i: String(i) } },
            { contentType: 'application/merge-patch+json' },
          );
      }
    })();
    for (let cut = 0; cut < 5; cut++) {
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 600));
      // Cut an open socket each time, not one still reconnecting from the last cut.
      await waitFor('the socket to be open again', () => client.state() === 'open', 10_000, 10);
      expect(cutter.cut()).toBeGreaterThan(0);
    }
    await writer;

    await expect(shell.exit).rejects.toThrow(/connection to Porthole was lost/);
    await waitFor('the fifth drop noticed', () => states.filter((s) => s === 'reconnecting').length === 5);
    await converged(live, 'the watch to converge after the cuts', cutsNs);
    const upTo = log.lines().length + 20;
    await waitFor('more log lines', () => log.lines().length >= upTo);
    const lines = log.lines();
    expect(lines.filter((line, i) => line !== `n${i + 1}`)).toEqual([]);
    client.close();
  });

  it('converges after the backend process is killed and restarted on the same port', async () => {
    await kubectlIn(restartNs, 'create', 'configmap', 'pre');
    await kubectlIn(restartNs, 'create', 'configmap', 'cli', '--from-literal=b=2');
    const client = connect();
    const live = client.watch(configMaps(restartNs));
    await converged(live, 'the watch before the restart', restartNs);
    backend.child.kill('SIGKILL');
    await waitFor('the client to notice', () => live.status() === 'reconnecting');
    await kubectlIn(restartNs, 'create', 'configmap', 'while-down');
    await kubectlIn(restartNs, 'delete', 'configmap', 'pre');
    await kubectlIn(restartNs, 'patch', 'configmap', 'cli', '--type=merge', '-p', '{"data":{"b":"3"}}');
    backend = await startServe();
    const expected = await converged(live, 'the watch after the restart', restartNs);
    expect(live.items().find((o) => o.metadata.name === 'cli')?.data).toEqual({ b: '3' });
    expect(expected.some((row) => row.startsWith('while-down/'))).toBe(true);
    expect(live.items().some((o) => o.metadata.name === 'pre')).toBe(false);
    expect(client.state()).toBe('open');
  });
});
