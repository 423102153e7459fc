import { once } from 'node:events';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { loadavg } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { startBackend } from '@porthole/backend/testing';
import type { ServerMessage } from '@porthole/protocol';
import { start, type TestCluster } from '@porthole/testcluster';
import { WebSocket } from 'ws';
import { printGoal } from './goal-line.ts';

const namespace = 'bench-watch';

interface WriterConfig {
  server: string;
  caPem: string;
  token: string;
  namespace: string;
  objects: number;
  rate: number;
  seconds: number;
  connections: number;
  /** First sequence number, so versions of later runs never repeat earlier `data.seq` values. */
  firstSeq: number;
}

interface WriterResult {
  sent: number;
  failed: number;
  firstError: string | undefined;
  ms: number;
  /** When the last response arrived (wall clock, see `now`). */
  endAt: number;
  responseMs: number[];
}

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across threads. */
const now = () => performance.timeOrigin + performance.now();

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const f1 = (n: number) => n.toFixed(1);

/** Paces `rate` merge patches a second over `connections` keep-alive HTTPS connections for `seconds`. */
async function runWriter(config: WriterConfig): Promise<WriterResult> {
  const agent = new HttpsAgent({ ca: config.caPem, keepAlive: true, maxSockets: config.connections });
  const total = Math.round(config.rate * config.seconds);
  const responseMs: number[] = [];
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const t0 = now() + 20;
  const patch = (seq: number) =>
    new Promise<void>((resolve) => {
      const t = now();
      const body = JSON.stringify({ data: { seq: String(seq), t: t.toFixed(3) } });
      const req = httpsRequest(
        `${config.server}/api/v1/namespaces/${config.namespace}/configmaps/cm-${seq % config.objects}`,
        {
          method: 'PATCH',
          agent,
          headers: {
            Authorization: `Bearer ${config.token}`,
            'Content-Type': 'application/merge-patch+json',
            Accept: 'application/json',
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            responseMs.push(now() - t);
            if (res.statusCode !== 200) {
              failed++;
              firstError ??= `PATCH -> ${res.statusCode}`;
            }
            resolve();
          });
        },
      );
      req.on('error', (err) => {
        failed++;
        firstError ??= err.message;
        resolve();
      });
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: config.connections }, async () => {
      while (next < total) {
        const i = next++;
        const wait = t0 + (i * 1000) / config.rate - now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        await patch(config.firstSeq + i);
      }
    }),
  );
  const ms = now() - t0;
  agent.destroy();
  return { sent: total, failed, firstError, ms, endAt: now(), responseMs };
}

interface Arrival {
  at: number;
  /** The writer's send time, from `data.t`. */
  sentAt: number;
  seq: number;
}

/** What one watcher saw: arrival time per `name@resourceVersion`. */
interface Seen {
  arrivals: Map<string, Arrival>;
  messages: number;
}

interface ConfigMapEvent {
  type: string;
  object: { metadata: { name: string; resourceVersion: string }; data?: Record<string, string> };
}

function record(seen: Seen, event: ConfigMapEvent, at: number): void {
  if (event.type !== 'MODIFIED' || !event.object.data?.t) return;
  const { name, resourceVersion } = event.object.metadata;
  seen.arrivals.set(`${name}@${resourceVersion}`, {
    at,
    sentAt: Number(event.object.data.t),
    seq: Number(event.object.data.seq),
  });
}

/** A watch straight from the API server (`watch=1&allowWatchBookmarks=true`), as the backend does it. */
function watchDirect(cluster: TestCluster, resourceVersion: string, seen: Seen, signal: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    const req = httpsRequest(
      `${cluster.server}/api/v1/namespaces/${namespace}/configmaps?watch=1&allowWatchBookmarks=true&resourceVersion=${resourceVersion}&timeoutSeconds=3600`,
      {
        agent: new HttpsAgent({ ca: cluster.caPem }),
        headers: { Authorization: `Bearer ${cluster.tokens.admin}` },
        signal,
      },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`direct watch -> ${res.statusCode}`));
        resolve();
        let buffered = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          seen.messages++;
          buffered += chunk;
          let nl = buffered.indexOf('\n');
          while (nl >= 0) {
            const line = buffered.slice(0, nl);
            buffered = buffered.slice(nl + 1);
            if (line.trim()) record(seen, JSON.parse(line) as ConfigMapEvent, now());
            nl = buffered.indexOf('\n');
          }
        });
        res.on('error', () => {});
      },
    );
    req.on('error', (err) => (signal.aborted ? undefined : reject(err)));
    req.end();
  });
}

/** A `watch` subscription on the backend's `/ws`; resolves once its first `sync` arrived. */
async function watchMux(wsUrl: string, cluster: string, seen: Seen): Promise<WebSocket> {
  const ws = new WebSocket(wsUrl, 'porthole.v1');
  await once(ws, 'open');
  const synced = new Promise<void>((resolve, reject) => {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      const at = now();
      if (message.op === 'sync') resolve();
      else if (message.op === 'events') {
        seen.messages++;
        for (const event of message.events) record(seen, event as ConfigMapEvent, at);
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
  await synced;
  return ws;
}

/** The real `porthole serve` with a given batch window (`--mux-batch-ms`), or its default when undefined. */
function backendWithBatch(
  kubeconfig: string,
  batchMs: number | undefined,
): Promise<{ url: string; stop(): Promise<void> }> {
  const args = batchMs === undefined ? [] : ['--mux-batch-ms', String(batchMs)];
  return startBackend({ kubeconfigs: [kubeconfig], args });
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

/** The arrivals of one phase's changes (its `seq` range). */
function phaseOf(seen: Seen, config: WriterConfig): Map<string, Arrival> {
  const last = config.firstSeq + Math.round(config.rate * config.seconds);
  return new Map([...seen.arrivals].filter(([, a]) => a.seq >= config.firstSeq && a.seq < last));
}

function rateOf(arrivals: Map<string, Arrival>): { count: number; perSecond: number } {
  const times = [...arrivals.values()].map((a) => a.at);
  const span = (Math.max(...times) - Math.min(...times)) / 1000;
  return { count: times.length, perSecond: times.length / span };
}

const latencies = (values: number[]) =>
  `p50 ${f1(percentile(values, 50))} ms, p99 ${f1(percentile(values, 99))} ms`;

/** Where the backend's time went, from its `/metrics` (prom-client's process and Node.js metrics). */
interface BackendClock {
  /** `process_cpu_seconds_total`. */
  cpu: number;
  /** Seconds spent in garbage collection, all kinds (`nodejs_gc_duration_seconds_sum`). */
  gc: number;
  /** Garbage collections, all kinds. */
  gcs: number;
  /** Event-loop delay p99 since the previous scrape (prom-client resets it on every scrape), seconds. */
  lagP99: number;
  lagMax: number;
}

async function backendClock(url: string): Promise<BackendClock> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const sum = (prefix: string) =>
    text
      .split('\n')
      .filter((l) => l.startsWith(prefix))
      .reduce((n, l) => n + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
  return {
    cpu: sum('process_cpu_seconds_total '),
    gc: sum('nodejs_gc_duration_seconds_sum'),
    gcs: sum('nodejs_gc_duration_seconds_count'),
    lagP99: sum('nodejs_eventloop_lag_p99_seconds '),
    lagMax: sum('nodejs_eventloop_lag_max_seconds '),
  };
}

/** What one phase measured, for the goal line. */
interface PhaseFigures {
  achievedRate: number;
  throughput: number;
  addedP99: number;
}

/** Runs one writer phase against both watchers and prints its figures. */
async function phase(
  config: WriterConfig,
  backendUrl: string,
  direct: Seen,
  mux: Seen,
): Promise<PhaseFigures> {
  const messagesBefore = mux.messages;
  const before = await backendClock(backendUrl);
  const worker = new Worker(new URL(import.meta.url), { workerData: config });
  const [writer] = (await once(worker, 'message')) as [WriterResult];
  await worker.terminate();
  const expected = writer.sent - writer.failed;
  await waitUntil(
    () => phaseOf(direct, config).size >= expected && phaseOf(mux, config).size >= expected,
    10_000,
  );
  const after = await backendClock(backendUrl);
  const cpu = after.cpu - before.cpu;
  const d = phaseOf(direct, config);
  const m = phaseOf(mux, config);
  const added: number[] = [];
  for (const [key, a] of d) {
    const b = m.get(key);
    if (b) added.push(b.at - a.at);
  }
  const sendTo = (arrivals: Map<string, Arrival>) => [...arrivals.values()].map((a) => a.at - a.sentAt);
  const tail = (arrivals: Map<string, Arrival>) =>
    f1(Math.max(...[...arrivals.values()].map((a) => a.at)) - writer.endAt);
  const dr = rateOf(d);
  const mr = rateOf(m);
  const muxMessages = mux.messages - messagesBefore;
  console.log(
    `  writer, target ${config.rate}/s: ${writer.sent} merge patches in ${f1(writer.ms / 1000)} s = ` +
      `${f1((expected * 1000) / writer.ms)}/s achieved over ${config.connections} keep-alive connection(s); ` +
      `response ${latencies(writer.responseMs)}` +
      (writer.failed ? `; ${writer.failed} failed (${writer.firstError})` : ''),
  );
  console.log(
    `    direct watch:      ${dr.count} versions, ${f1(dr.perSecond)} events/s; send->arrival ${latencies(sendTo(d))}; ` +
      `last one ${tail(d)} ms after the writer's last response`,
  );
  console.log(
    `    multiplexer watch: ${mr.count} versions, ${f1(mr.perSecond)} events/s in ${muxMessages} events messages ` +
      `(${f1(mr.count / Math.max(1, muxMessages))} events each); send->arrival ${latencies(sendTo(m))}; ` +
      `last one ${tail(m)} ms after the writer's last response`,
  );
  console.log(
    `    backend CPU: ${cpu.toFixed(2)} s, ${f1((cpu / (writer.ms / 1000)) * 100)}% of one core over the writer's run, ` +
      `${f1((cpu / m.size) * 1e6)} µs per event delivered; ${after.gcs - before.gcs} GCs taking ` +
      `${f1((after.gc - before.gc) * 1000)} ms in all; event-loop delay p99 ${f1(after.lagP99 * 1000)} ms, ` +
      `max ${f1(after.lagMax * 1000)} ms`,
  );
  console.log(
    `    throughput mux/direct: ${(mr.perSecond / dr.perSecond).toFixed(3)} (events/s), ` +
      `${(mr.count / dr.count).toFixed(3)} (versions received) (target >= 0.99)`,
  );
  console.log(
    `    added latency, mux arrival - direct arrival of the same version (${added.length}): ${latencies(added)}, ` +
      `max ${f1(Math.max(...added))} ms (target p99 <= 10 ms)`,
  );
  return {
    achievedRate: (expected * 1000) / writer.ms,
    throughput: mr.perSecond / dr.perSecond,
    addedP99: percentile(added, 99),
  };
}

/** One backend: both watchers, then each writer phase. */
async function run(
  cluster: TestCluster,
  label: string,
  batchMs: number | undefined,
  phases: readonly WriterConfig[],
): Promise<PhaseFigures[]> {
  const admin = cluster.client();
  const backend = await backendWithBatch(cluster.kubeconfigPath, batchMs);
  const figures: PhaseFigures[] = [];
  const direct: Seen = { arrivals: new Map(), messages: 0 };
  const mux: Seen = { arrivals: new Map(), messages: 0 };
  const abort = new AbortController();
  try {
    const list = await admin.must<{ metadata: { resourceVersion: string } }>(
      'GET',
      `/api/v1/namespaces/${namespace}/configmaps?limit=1`,
    );
    await watchDirect(cluster, list.metadata.resourceVersion, direct, abort.signal);
    const ws = await watchMux(`${backend.url.replace(/^http/, 'ws')}/ws`, cluster.contexts.admin, mux);
    const load = () =>
      loadavg()
        .map((n) => n.toFixed(1))
        .join(' ');
    console.log(`\n${label}; machine load average ${load()}`);
    for (const config of phases) figures.push(await phase(config, backend.url, direct, mux));
    console.log(`  machine load average after: ${load()}`);
    ws.close();
    return figures;
  } finally {
    abort.abort();
    await backend.stop();
  }
}

async function main(): Promise<void> {
  const objects = Number(process.env.BENCH_OBJECTS ?? 1_000);
  const rate = Number(process.env.BENCH_RATE ?? 1_000);
  const seconds = Number(process.env.BENCH_SECONDS ?? 15);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);
  // `default` is the backend's own default (no flag; its goal-5 line is printed), others for comparison.
  const windows = (process.env.BENCH_BATCH_MS ?? 'default,2').split(',').map((w) => w.trim());
  const cluster = await start({ name: 'bench', kubelet: false, controllerManager: false });
  try {
    const admin = cluster.client();
    await admin.must('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < objects) {
          const i = next++;
          await admin.must('POST', `/api/v1/namespaces/${namespace}/configmaps`, {
            metadata: { name: `cm-${i}` },
            data: { seq: '-1', t: '0' },
          });
        }
      }),
    );
    console.log(
      `mux-watch: ${objects} ConfigMaps; a writer at ${rate} changes/s for ${seconds} s (each object changes ` +
        `about every ${f1((objects / rate) * 1000)} ms, so no batch holds two versions of one object), ` +
        'then 50 lone changes at 10/s (each waits a whole batch window)',
    );
    const common = {
      server: cluster.server,
      caPem: cluster.caPem,
      token: cluster.tokens.admin,
      namespace,
      objects,
    };
    let firstSeq = 0;
    const nextPhase = (phaseRate: number, phaseSeconds: number, phaseConnections: number): WriterConfig => {
      const config = {
        ...common,
        rate: phaseRate,
        seconds: phaseSeconds,
        connections: phaseConnections,
        firstSeq,
      };
      firstSeq += Math.round(phaseRate * phaseSeconds);
      return config;
    };
    for (const window of windows) {
      const batchMs = window === 'default' ? undefined : Number(window);
      const label =
        batchMs === undefined
          ? "the backend's default batching (porthole serve without --mux-batch-ms)"
          : `batch window ${batchMs} ms (porthole serve --mux-batch-ms ${batchMs})`;
      const [heavy] = await run(cluster, label, batchMs, [
        nextPhase(rate, seconds, connections),
        nextPhase(10, 5, 1),
      ]);
      if (batchMs !== undefined || !heavy) continue;
      const at = `at ${f1(heavy.achievedRate)} changes/s`;
      printGoal({
        goal: 5,
        what: `multiplexer added latency p99 ${at} (default batching)`,
        figure: `${f1(heavy.addedP99)} ms`,
        target: '≤ 10 ms',
        met: heavy.addedP99 <= 10,
      });
      printGoal({
        goal: 5,
        what: `multiplexer throughput / direct watch ${at}`,
        figure: `${heavy.throughput.toFixed(3)}×`,
        target: '≥ 0.99×',
        met: heavy.throughput >= 0.99,
      });
    }
  } finally {
    await cluster.stop();
  }
}

// The writer's worker thread runs this same file.
if (isMainThread) await main();
else parentPort?.postMessage(await runWriter(workerData as WriterConfig));
