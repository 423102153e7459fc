// Benchmark: a kubeconfig of 300 contexts (3 on a real API server, 150 whose server refuses, 147 whose
// server accepts and never answers). Against the real `porthole serve`, through the SDK's multiplexer
// client: time until the context list arrives, time until every health probe has an answer, the
// backend's CPU while probing, and the most connections open at once to the hanging servers (the
// concurrency cap); then 50 kubeconfig changes → the list updated, p50/p99. Prints, asserts nothing.
// `npm run bench:contexts -w @porthole/bench`.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackend } from '@porthole/backend/testing';
import { createMuxClient } from '@porthole/sdk';
import { start } from '@porthole/testcluster';

function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : Number.NaN;
}
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
const until = async (check: () => boolean, timeoutMs: number) => {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
  return performance.now() - started;
};

// Accepts and never answers; counts how many connections are open at once.
let open = 0;
let mostOpen = 0;
const tarpit = createServer((socket) => {
  mostOpen = Math.max(mostOpen, ++open);
  socket.on('close', () => open--);
  socket.on('error', () => {});
  // Read (and drop) what the client sends, so a client's close is seen at once.
  socket.resume();
});
await new Promise<void>((resolve) => tarpit.listen(0, '127.0.0.1', resolve));
const tarpitPort = (tarpit.address() as { port: number }).port;

const cluster = await start({ name: 'bench-ctx', kubelet: false, controllerManager: false });
const dir = await mkdtemp(join(tmpdir(), 'porthole-bench-contexts-'));
const extra = join(dir, 'extra.yaml');
const contextsText = (more: string[] = []) => {
  const lines = [
    ...Object.values(cluster.contexts).map(
      (_, i) => `- { name: real-${i}, context: { cluster: real, user: real } }`,
    ),
    ...Array.from(
      { length: 150 },
      (_, i) => `- { name: refused-${i}, context: { cluster: refused, user: real } }`,
    ),
    ...Array.from(
      { length: 147 },
      (_, i) => `- { name: hangs-${i}, context: { cluster: hangs, user: real } }`,
    ),
    ...more,
  ];
  return `clusters:
- { name: real, cluster: { server: '${cluster.server}', insecure-skip-tls-verify: true } }
- { name: refused, cluster: { server: 'https://127.0.0.1:1' } }
- { name: hangs, cluster: { server: 'https://127.0.0.1:${tarpitPort}' } }
users:
- { name: real, user: { token: ${cluster.tokens.admin} } }
contexts:
${lines.join('\n')}
`;
};
await writeFile(extra, contextsText());
const backend = await startBackend({ kubeconfigs: [extra] });
const client = createMuxClient({ url: `${backend.url}/ws` });
try {
  const cpuBefore = metric(await (await fetch(`${backend.url}/metrics`)).text(), 'process_cpu_seconds_total');
  const t0 = performance.now();
  const clusters = client.clusters();
  const listMs = await until(() => clusters.items().length === 300, 30_000);
  const health = client.health();
  const answeredMs = await until(
    () => health.items().length === 300 && health.items().every((h) => h.state !== 'checking'),
    300_000,
  );
  const cpuAfter = metric(await (await fetch(`${backend.url}/metrics`)).text(), 'process_cpu_seconds_total');
  const states = new Map<string, number>();
  for (const h of health.items()) states.set(h.state, (states.get(h.state) ?? 0) + 1);
  console.log('contexts bench: 300 contexts (3 real, 150 refused, 147 hanging)');
  console.log(`  context list over the multiplexer: ${listMs.toFixed(0)} ms`);
  console.log(
    `  every probe answered: ${answeredMs.toFixed(0)} ms after subscribing (${((performance.now() - t0) / 1000).toFixed(1)} s in all)`,
  );
  console.log(`  answers: ${[...states].map(([s, n]) => `${s} ${n}`).join(', ')}`);
  console.log(`  backend CPU while probing: ${(cpuAfter - cpuBefore).toFixed(2)} s`);
  console.log(`  most connections open at once to the hanging server: ${mostOpen}`);
  health.close();

  const latencies: number[] = [];
  for (let i = 0; i < 50; i++) {
    const name = `change-${i}`;
    const add = i % 2 === 0;
    await writeFile(
      extra,
      contextsText(add ? [`- { name: ${name}, context: { cluster: real, user: real } }`] : []),
    );
    const started = performance.now();
    await until(() => clusters.items().some((c) => c.name === name) === add, 10_000);
    if (!add) continue;
    latencies.push(performance.now() - started);
    await writeFile(extra, contextsText());
    await until(() => !clusters.items().some((c) => c.name === name), 10_000);
  }
  latencies.sort((a, b) => a - b);
  console.log(
    `  kubeconfig change → list updated over ${latencies.length} changes: p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p99 ${percentile(latencies, 0.99).toFixed(0)} ms`,
  );
} finally {
  client.close();
  await backend.stop();
  await cluster.stop();
  tarpit.close();
  await rm(dir, { recursive: true, force: true });
}
