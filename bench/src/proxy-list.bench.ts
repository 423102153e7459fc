// Benchmark: listing 10,000 ConfigMaps through Porthole's proxy vs straight from the API server.
// Prints the medians and their ratio (target ≤ 1.15); asserts nothing. `npm run bench -w @porthole/bench`.
import { writeFile } from 'node:fs/promises';
import { type Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { startBackend } from '@porthole/backend/testing';
import { start } from '@porthole/testcluster';

const count = Number(process.env.BENCH_CONFIGMAPS ?? 10_000);
const runs = Number(process.env.BENCH_RUNS ?? 15);
const namespace = 'bench';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** GETs `url` and reads the whole body; returns milliseconds and bytes. */
function timedGet(url: string, agent: HttpAgent | HttpsAgent, headers: Record<string, string>) {
  return new Promise<{ ms: number; bytes: number; items: number }>((resolve, reject) => {
    const t0 = performance.now();
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    const req = send(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const ms = performance.now() - t0;
        if (res.statusCode !== 200)
          return reject(new Error(`${url} -> ${res.statusCode}: ${body.subarray(0, 300)}`));
        resolve({
          ms,
          bytes: body.length,
          items: (JSON.parse(body.toString('utf8')) as { items: unknown[] }).items.length,
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const cluster = await start({ name: 'bench', kubelet: false, controllerManager: false });
try {
  const admin = cluster.client();
  await admin.must('POST', '/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace },
  });
  const t0 = performance.now();
  let next = 0;
  const data = { 'app.properties': 'x'.repeat(200) };
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) {
        const i = next++;
        await admin.must('POST', `/api/v1/namespaces/${namespace}/configmaps`, {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: `cm-${i}`, labels: { bench: 'yes' } },
          data,
        });
      }
    }),
  );
  console.log(`created ${count} ConfigMaps in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const kubeconfig = join(cluster.dir, 'bench.kubeconfig');
  await writeFile(kubeconfig, cluster.kubeconfig);
  const backend = await startBackend({ kubeconfigs: [kubeconfig] });
  const base = backend.url;

  const path = `/api/v1/namespaces/${namespace}/configmaps`;
  const direct = {
    url: `${cluster.server}${path}`,
    agent: new HttpsAgent({ ca: cluster.caPem, keepAlive: true }),
    headers: { Authorization: `Bearer ${cluster.tokens.admin}` },
  };
  const proxied = {
    url: `${base}/clusters/${cluster.contexts.admin}${path}`,
    agent: new (await import('node:http')).Agent({ keepAlive: true }),
    headers: {},
  };
  const times = { direct: [] as number[], proxied: [] as number[] };
  let bytes = 0;
  // Warm both paths, then alternate so drift on a shared 2-core machine hits both sides alike.
  await timedGet(direct.url, direct.agent, direct.headers);
  await timedGet(proxied.url, proxied.agent, proxied.headers);
  for (let i = 0; i < runs; i++) {
    const d = await timedGet(direct.url, direct.agent, direct.headers);
    const p = await timedGet(proxied.url, proxied.agent, proxied.headers);
    if (d.items !== count || p.items !== count)
      throw new Error(`expected ${count} items, got ${d.items} / ${p.items}`);
    times.direct.push(d.ms);
    times.proxied.push(p.ms);
    bytes = p.bytes;
  }
  await backend.stop();
  const md = median(times.direct);
  const mp = median(times.proxied);
  console.log(`list ${count} ConfigMaps (${(bytes / 1e6).toFixed(1)} MB), ${runs} runs each`);
  console.log(
    `  direct from the API server: median ${md.toFixed(1)} ms (min ${Math.min(...times.direct).toFixed(1)}, max ${Math.max(...times.direct).toFixed(1)})`,
  );
  console.log(
    `  through Porthole's proxy:   median ${mp.toFixed(1)} ms (min ${Math.min(...times.proxied).toFixed(1)}, max ${Math.max(...times.proxied).toFixed(1)})`,
  );
  console.log(`  ratio proxied/direct: ${(mp / md).toFixed(3)} (target <= 1.15)`);
} finally {
  await cluster.stop();
}
