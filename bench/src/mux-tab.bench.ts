// Benchmark: one tab with 50 different subscriptions uses exactly one WebSocket. The SDK's
// `createMuxClient` (what a tab uses) opens 50 subscriptions (watches of lists, single objects, the
// cluster list) against the real `porthole serve`; prints how many WebSockets the client opened and the
// backend's own `porthole_mux_sockets` and `porthole_mux_subscriptions` (expected: 1 and 50); asserts
// nothing. `npm run bench:mux-tab -w @porthole/bench`.
import { startBackend } from '@porthole/backend/testing';
import { createMuxClient } from '@porthole/sdk';
import { start } from '@porthole/testcluster';

const namespaces = Array.from({ length: 10 }, (_, i) => `bench-tab-${i}`);
/** Cluster-wide lists a tab might show: 19 of them, with 10 namespace lists, 20 objects and the cluster list = 50. */
const clusterWide: [group: string, version: string, resource: string][] = [
  ['', 'v1', 'pods'],
  ['', 'v1', 'services'],
  ['', 'v1', 'secrets'],
  ['', 'v1', 'serviceaccounts'],
  ['', 'v1', 'namespaces'],
  ['', 'v1', 'events'],
  ['', 'v1', 'endpoints'],
  ['', 'v1', 'persistentvolumeclaims'],
  ['', 'v1', 'persistentvolumes'],
  ['', 'v1', 'nodes'],
  ['', 'v1', 'resourcequotas'],
  ['', 'v1', 'limitranges'],
  ['apps', 'v1', 'deployments'],
  ['apps', 'v1', 'replicasets'],
  ['apps', 'v1', 'statefulsets'],
  ['apps', 'v1', 'daemonsets'],
  ['batch', 'v1', 'jobs'],
  ['rbac.authorization.k8s.io', 'v1', 'roles'],
  ['rbac.authorization.k8s.io', 'v1', 'rolebindings'],
];

/** A Prometheus sample's value, e.g. `metric(text, 'porthole_mux_sockets')`. */
function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : Number.NaN;
}

/** Counts the WebSockets the client constructs (Node's global WebSocket underneath). */
let opened = 0;
class CountingWebSocket extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    opened++;
  }
}

const cluster = await start({ name: 'bench', kubelet: false, controllerManager: false });
const backend = await startBackend({ kubeconfigs: [cluster.kubeconfigPath] });
try {
  const admin = cluster.client();
  for (const namespace of namespaces) {
    await admin.must('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
    for (const name of ['cm-a', 'cm-b'])
      await admin.must('POST', `/api/v1/namespaces/${namespace}/configmaps`, {
        metadata: { name },
        data: {},
      });
  }
  const context = cluster.contexts.admin;
  const t0 = performance.now();
  const client = createMuxClient({ url: `${backend.url}/ws`, WebSocket: CountingWebSocket });
  const subscriptions = [
    client.clusters(),
    ...namespaces.map((namespace) =>
      client.watch({ cluster: context, group: '', version: 'v1', resource: 'configmaps', namespace }),
    ),
    ...namespaces.flatMap((namespace) =>
      ['cm-a', 'cm-b'].map((name) =>
        client.watchOne({
          cluster: context,
          group: '',
          version: 'v1',
          resource: 'configmaps',
          namespace,
          name,
        }),
      ),
    ),
    ...clusterWide.map(([group, version, resource]) =>
      client.watch({ cluster: context, group, version, resource }),
    ),
  ];
  const deadline = Date.now() + 30_000;
  const live = () => subscriptions.filter((s) => s.status() === 'live').length;
  while (live() < subscriptions.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const ms = performance.now() - t0;
  const failed = subscriptions.filter((s) => s.status() === 'error').map((s) => s.error()?.message);
  const text = await (await fetch(`${backend.url}/metrics`)).text();
  const byKind = ['watch', 'clusters', 'logs', 'exec'].map(
    (kind) => [kind, metric(text, `porthole_mux_subscriptions{kind="${kind}"}`)] as const,
  );
  const total = byKind.reduce((sum, [, n]) => sum + n, 0);
  console.log(
    `mux-tab: one SDK client (createMuxClient) with ${subscriptions.length} different subscriptions ` +
      `(1 cluster list, ${namespaces.length} namespace lists, ${namespaces.length * 2} single objects, ${clusterWide.length} cluster-wide lists)`,
  );
  console.log(
    `  ${live()} of ${subscriptions.length} live after ${ms.toFixed(0)} ms${failed.length ? `; failed: ${failed.join('; ')}` : ''}`,
  );
  console.log(`  WebSockets the client opened: ${opened} (expected 1)`);
  console.log(`  backend porthole_mux_sockets: ${metric(text, 'porthole_mux_sockets')} (expected 1)`);
  console.log(
    `  backend porthole_mux_subscriptions: ${total} (${byKind.map(([k, n]) => `${k} ${n}`).join(', ')}) (expected 50)`,
  );
  console.log(
    `  backend porthole_mux_upstream_watches: ${metric(text, 'porthole_mux_upstream_watches')} (one per distinct watch: 49)`,
  );
  client.close();
} finally {
  await backend.stop();
  await cluster.stop();
}
