// Benchmark: `--auth token` sessions. Logins per second through `POST /api/login/token` (each checks
// the token with the real API server: SelfSubjectReview tried in three versions, then a TokenReview);
// the backend's memory per 1,000 sessions (stateless: a session is a sealed cookie, so ~0 is
// expected) and per 100 open sockets of logged-in people (idle, then each watching ConfigMaps).
// Prints figures; asserts nothing. `npm run bench:auth -w @porthole/bench`.
//
// Heap figures are taken after a full garbage collection (`--expose-gc` and a preloaded `gc()` on
// SIGUSR2, as in mux-memory.bench.ts), the smallest of three.
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningBackend, startBackend } from '@porthole/backend/testing';
import { start } from '@porthole/testcluster';
import { WebSocket } from 'ws';

const logins = Number(process.env.BENCH_LOGINS ?? 400);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const sessions = 1_000;
const socketCount = 100;

function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : Number.NaN;
}

async function heap(backend: RunningBackend): Promise<{ heap: number; rss: number }> {
  let best = { heap: Number.POSITIVE_INFINITY, rss: 0 };
  for (let i = 0; i < 3; i++) {
    backend.child.kill('SIGUSR2');
    await new Promise((r) => setTimeout(r, 700));
    const text = await (await fetch(`${backend.url}/metrics`)).text();
    const sample = {
      heap: metric(text, 'nodejs_heap_size_used_bytes'),
      rss: metric(text, 'process_resident_memory_bytes'),
    };
    if (sample.heap < best.heap) best = sample;
  }
  return best;
}

async function logIn(url: string, token: string): Promise<string> {
  const res = await fetch(`${url}/api/login/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-porthole-request': '1' },
    body: JSON.stringify({ token }),
  });
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function inParallel(total: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await work(next++);
    }),
  );
}

const kb = (bytes: number) => `${(bytes / 1e3).toFixed(0)} KB`;
const cluster = await start({ name: 'bench-auth', kubelet: false, controllerManager: false });
const dir = await mkdtemp(join(tmpdir(), 'porthole-bench-auth-'));
let backend: RunningBackend | undefined;
const sockets: WebSocket[] = [];
try {
  const secret = join(dir, 'secret');
  await writeFile(secret, 'a-benchmark-session-secret-0123456789-abcdefghij\n');
  const gcOnSignal = encodeURIComponent('process.on("SIGUSR2",()=>globalThis.gc());');
  const before = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `--expose-gc --import=data:text/javascript,${gcOnSignal}`;
  backend = await startBackend({
    kubeconfigs: [cluster.kubeconfigPath],
    args: ['--auth', 'token', '--session-secret-file', secret],
  });
  if (before === undefined) delete process.env.NODE_OPTIONS;
  else process.env.NODE_OPTIONS = before;
  const url = backend.url;

  // Warm-up: connections to the API server, JIT.
  for (let i = 0; i < 20; i++) await logIn(url, cluster.tokens.viewer);
  const t0 = performance.now();
  await inParallel(logins, async () => {
    await logIn(url, cluster.tokens.viewer);
  });
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `auth-sessions: ${logins} token logins (${concurrency} at a time) in ${seconds.toFixed(1)} s: ` +
      `${(logins / seconds).toFixed(0)} sessions/s (each: SelfSubjectReview ×3 → 404 on v1.20, then a TokenReview)`,
  );

  // Opening a session (what every request does) without a login: sealed cookies are only decrypted.
  const cookie = await logIn(url, cluster.tokens.viewer);
  const t1 = performance.now();
  await inParallel(2_000, async () => {
    const res = await fetch(`${url}/api/session`, { headers: { cookie } });
    await res.arrayBuffer();
  });
  console.log(
    `  GET /api/session with a session: ${(2_000 / ((performance.now() - t1) / 1000)).toFixed(0)} requests/s`,
  );

  const base = await heap(backend);
  const cookies: string[] = [];
  await inParallel(sessions, async () => {
    cookies.push(await logIn(url, cluster.tokens.viewer));
  });
  await inParallel(sessions, async (i) => {
    const res = await fetch(`${url}/api/session`, { headers: { cookie: cookies[i] ?? '' } });
    if (res.status !== 200) throw new Error(`session ${i} answered ${res.status}`);
    await res.arrayBuffer();
  });
  const afterSessions = await heap(backend);
  console.log(
    `  ${sessions} sessions logged in and used once: heap ${kb(afterSessions.heap - base.heap)}, ` +
      `RSS ${kb(afterSessions.rss - base.rss)} (the server keeps no session state; the cookie is the session, ` +
      `${cookie.length} bytes)`,
  );

  const wsUrl = `${url.replace(/^http/, 'ws')}/ws`;
  for (let i = 0; i < socketCount; i++) {
    const ws = new WebSocket(wsUrl, 'porthole.v1', { headers: { cookie: cookies[i] ?? '' } });
    await once(ws, 'open');
    sockets.push(ws);
  }
  const idle = await heap(backend);
  console.log(
    `  ${socketCount} open sockets of logged-in people (idle): heap ${kb(idle.heap - afterSessions.heap)} ` +
      `(${kb((idle.heap - afterSessions.heap) / socketCount)} each), RSS ${kb(idle.rss - afterSessions.rss)}`,
  );
  await Promise.all(
    sockets.map(async (ws) => {
      const synced = new Promise<void>((resolve, reject) => {
        ws.on('message', (data) => {
          const m = JSON.parse(String(data)) as { op: string; message?: string };
          if (m.op === 'sync') resolve();
          if (m.op === 'error') reject(new Error(m.message));
        });
      });
      ws.send(
        JSON.stringify({
          op: 'watch',
          id: 1,
          cluster: cluster.contexts.admin,
          group: '',
          version: 'v1',
          resource: 'configmaps',
          namespace: 'default',
        }),
      );
      await synced;
    }),
  );
  const watching = await heap(backend);
  const upstreams = metric(await (await fetch(`${url}/metrics`)).text(), 'porthole_mux_upstream_watches');
  console.log(
    `  the same ${socketCount} sockets each watching ConfigMaps (one person: ${upstreams} shared upstream watch): ` +
      `heap ${kb(watching.heap - afterSessions.heap)} over the sessions' baseline`,
  );
} finally {
  for (const ws of sockets) ws.close();
  await backend?.stop();
  await cluster.stop();
  await rm(dir, { recursive: true, force: true });
}
