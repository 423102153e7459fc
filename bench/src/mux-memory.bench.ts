// Benchmark: the backend's memory per 1,000 watched objects. 10,000 ConfigMaps of about 1 KB; the
// backend's heap and RSS (from its own `GET /metrics`) before any watch, with one `/ws` watch of them,
// with 10 sockets watching the same (one shared upstream), and after they all left. Prints bytes per
// 1,000 objects; asserts nothing. `npm run bench:mux-memory -w @porthole/bench`.
//
// Heap figures are taken after a full garbage collection: the backend (the real `porthole serve`) is
// started with `--expose-gc` and a preloaded one-liner that runs `gc()` on SIGUSR2, so a figure is live
// memory rather than whatever garbage the last scavenge left.
import { once } from 'node:events';
import { type RunningBackend, startBackend } from '@porthole/backend/testing';
import type { ServerMessage } from '@porthole/protocol';
import { start } from '@porthole/testcluster';
import { WebSocket } from 'ws';
import { printGoal } from './goal-line.ts';

const count = Number(process.env.BENCH_CONFIGMAPS ?? 10_000);
const sockets = Number(process.env.BENCH_SOCKETS ?? 10);
const namespace = 'bench-memory';

/** A Prometheus sample's value, e.g. `metric(text, 'porthole_mux_upstream_watches')`. */
function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : Number.NaN;
}

interface Sample {
  heap: number;
  rss: number;
  sockets: number;
  subscriptions: number;
  upstreams: number;
}

/** Collects garbage in the backend, then reads its `/metrics`; the smallest heap of three rounds. */
async function measure(backend: RunningBackend): Promise<Sample> {
  const samples: Sample[] = [];
  for (let i = 0; i < 3; i++) {
    backend.child.kill('SIGUSR2');
    await new Promise((r) => setTimeout(r, 700));
    const text = await (await fetch(`${backend.url}/metrics`)).text();
    samples.push({
      heap: metric(text, 'nodejs_heap_size_used_bytes'),
      rss: metric(text, 'process_resident_memory_bytes'),
      sockets: metric(text, 'porthole_mux_sockets'),
      subscriptions: metric(text, 'porthole_mux_subscriptions{kind="watch"}'),
      upstreams: metric(text, 'porthole_mux_upstream_watches'),
    });
  }
  return samples.reduce((a, b) => (b.heap < a.heap ? b : a));
}

interface Watching {
  ws: WebSocket;
  /** Undefined when no `sync` came within the timeout. */
  sync: { bytes: number; items: number; ms: number } | undefined;
}

/** Opens `/ws` and watches the namespace; resolves once its `sync` arrived, or after `timeoutMs` without. */
async function watch(wsUrl: string, cluster: string, timeoutMs = 60_000): Promise<Watching> {
  const t0 = performance.now();
  const ws = new WebSocket(wsUrl, 'porthole.v1');
  await once(ws, 'open');
  const synced = new Promise<Watching['sync']>((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    ws.on('message', (data) => {
      const text = String(data);
      const message = JSON.parse(text) as ServerMessage;
      if (message.op === 'sync') {
        clearTimeout(timer);
        resolve({ bytes: text.length, items: message.items.length, ms: performance.now() - t0 });
      } else if (message.op === 'error') reject(new Error(`mux error: ${message.message}`));
    });
  });
  ws.send(
    JSON.stringify({
      op: 'watch',
      id: 1,
      cluster,
      group: '',
      version: 'v1',
      resource: 'configmaps',
      namespace,
    }),
  );
  return { ws, sync: await synced };
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const perThousand = (bytes: number) => `${(((bytes / count) * 1000) / 1e6).toFixed(2)} MB per 1,000 objects`;

function row(label: string, s: Sample, base: Sample): void {
  console.log(
    `  ${label.padEnd(40)} heap ${mb(s.heap).padStart(8)} (${(s.heap - base.heap >= 0 ? '+' : '') + mb(s.heap - base.heap)}), ` +
      `RSS ${mb(s.rss).padStart(8)} (${(s.rss - base.rss >= 0 ? '+' : '') + mb(s.rss - base.rss)}); ` +
      `sockets ${s.sockets}, watch subscriptions ${s.subscriptions}, upstream watches ${s.upstreams}`,
  );
}

const cluster = await start({ name: 'bench', kubelet: false, controllerManager: false });
let backend: RunningBackend | undefined;
try {
  const admin = cluster.client();
  await admin.must('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
  const t0 = performance.now();
  let next = 0;
  const data = { 'app.properties': 'x'.repeat(800) };
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) {
        const i = next++;
        await admin.must('POST', `/api/v1/namespaces/${namespace}/configmaps`, {
          metadata: { name: `cm-${i}`, labels: { bench: 'memory' } },
          data,
        });
      }
    }),
  );
  console.log(`created ${count} ConfigMaps in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const gcOnSignal = encodeURIComponent('process.on("SIGUSR2",()=>globalThis.gc());');
  const before = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `--expose-gc --import=data:text/javascript,${gcOnSignal}`;
  backend = await startBackend({ kubeconfigs: [cluster.kubeconfigPath] });
  if (before === undefined) delete process.env.NODE_OPTIONS;
  else process.env.NODE_OPTIONS = before;
  const wsUrl = `${backend.url.replace(/^http/, 'ws')}/ws`;
  const context = cluster.contexts.admin;

  // Warm the paths that every figure shares (metrics, one socket, the API server connection).
  await measure(backend);
  const idle = new WebSocket(wsUrl, 'porthole.v1');
  await once(idle, 'open');
  await new Promise((r) => setTimeout(r, 2_000));
  const base = await measure(backend);

  const first = await watch(wsUrl, context);
  if (!first.sync) throw new Error('the first watch got no sync within 60 s');
  const one = await measure(backend);
  // The others join the live upstream one by one, as tabs opened later do: their sync comes from its cache.
  const more: Watching[] = [];
  for (let i = 1; i < sockets; i++) more.push(await watch(wsUrl, context, 15_000));
  const many = await measure(backend);
  for (const s of [first, ...more]) s.ws.close();
  // The upstream lingers 2 s after its last subscriber, then stops.
  const deadline = Date.now() + 20_000;
  let after = await measure(backend);
  while (after.upstreams > 0 && Date.now() < deadline) after = await measure(backend);
  idle.close();

  const { bytes, items } = first.sync;
  console.log(
    `mux-memory: ${count} ConfigMaps of ${(bytes / items).toFixed(0)} bytes of JSON each ` +
      `(the sync message is ${mb(bytes)}); heap after a full GC, smallest of 3`,
  );
  row('before any watch (1 idle socket)', base, base);
  row('1 socket watching them (+ the idle)', one, base);
  row(`${sockets} sockets watching them (+ the idle)`, many, base);
  row('after all left (upstream stopped)', after, base);
  const json = (bytes / items) * count;
  console.log(
    `  one watch subscription: ${perThousand(one.heap - base.heap)} of heap ` +
      `(${((one.heap - base.heap) / json).toFixed(1)}x the objects' JSON), ${perThousand(one.rss - base.rss)} of RSS`,
  );
  const perSocket = (many.heap - one.heap) / Math.max(1, sockets - 1);
  console.log(
    `  each further socket on the shared upstream: ${(perSocket / 1e3).toFixed(0)} KB of heap ` +
      `(${((perSocket / count) * 1000).toFixed(0)} bytes per 1,000 objects); ` +
      `RSS ${mb(many.rss - one.rss)} for all ${sockets - 1} together`,
  );
  printGoal({
    goal: 3,
    what: `backend heap, first watch of ${count.toLocaleString('en')} objects (${((one.heap - base.heap) / json).toFixed(1)}× their JSON)`,
    figure: `${(((one.heap - base.heap) / count) * 10).toFixed(1)} MB per 10,000`,
    target: '≤ 3× the JSON',
    met: one.heap - base.heap <= 3 * json,
  });
  printGoal({
    goal: 3,
    what: `backend heap per further socket watching the same ${count.toLocaleString('en')} (shared upstream)`,
    figure: `${(perSocket / 1e3).toFixed(0)} KB`,
    target: '≤ 1 MB (no copy per socket)',
    met: perSocket <= 1e6,
  });
  const joined = more.flatMap((m) => (m.sync ? [m.sync.ms] : []));
  console.log(
    `  time to the first sync: ${first.sync.ms.toFixed(0)} ms (a paginated LIST upstream); for a socket joining ` +
      `the live upstream: ${joined.length ? `${(joined.reduce((a, b) => a + b, 0) / joined.length).toFixed(0)} ms on average (from its cache, no LIST)` : 'none arrived'}`,
  );
  if (joined.length < more.length)
    console.log(
      `  NOTE: ${more.length - joined.length} of the ${more.length} sockets that joined the live upstream got no sync ` +
        'within 15 s (they are subscribed and counted above, but the backend never sent them the cached set)',
    );
} finally {
  await backend?.stop();
  await cluster.stop();
}
