// Benchmark: LISTs of ConfigMaps through Porthole's proxy vs straight from the API server, alternating,
// at each size of `BENCH_SIZES` (default 10,000), with and without `Accept-Encoding: gzip` (what browsers
// and kubectl send); and a small GET (one ConfigMap) to show the proxy's added latency. Prints medians,
// ratios and the issue-17 goal lines (goal 4: LIST ≤ 1.10× direct, small GET added ≤ 1 ms; goal 8: the
// ratio at each size). Asserts nothing. `npm run bench:proxy -w @porthole/bench`.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { type Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { startBackend } from '@porthole/backend/testing';
import { start } from '@porthole/testcluster';
import { benchSizes, createConfigMaps, machine, median, percentile } from './bench-sizes.ts';
import { printGoal } from './goal-line.ts';

const sizes = benchSizes([10_000]);
const runs = Number(process.env.BENCH_RUNS ?? 31);
const smallRuns = Number(process.env.BENCH_SMALL_RUNS ?? 301);
const kubectlRuns = Number(process.env.BENCH_KUBECTL_RUNS ?? 5);
const namespace = 'bench';
const f1 = (n: number) => n.toFixed(1);
const f3 = (n: number) => n.toFixed(3);

interface Timed {
  ms: number;
  bytes: number;
  body: Buffer;
  encoding: string | undefined;
}

/** GETs `url` and reads the whole body; the time is to its last byte (decoding and parsing after it). */
function timedGet(url: string, agent: HttpAgent | HttpsAgent, headers: Record<string, string>) {
  return new Promise<Timed>((resolve, reject) => {
    const t0 = performance.now();
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    const req = send(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const ms = performance.now() - t0;
        const body = Buffer.concat(chunks);
        if (res.statusCode !== 200)
          return reject(new Error(`${url} -> ${res.statusCode}: ${body.subarray(0, 300)}`));
        resolve({ ms, bytes: body.length, body, encoding: res.headers['content-encoding'] });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function itemsOf(t: Timed): number {
  const text = (t.encoding === 'gzip' ? gunzipSync(t.body) : t.body).toString('utf8');
  return (JSON.parse(text) as { items: unknown[] }).items.length;
}

interface Path {
  url: string;
  agent: HttpAgent | HttpsAgent;
  headers: Record<string, string>;
}

/** `n` rounds over `paths` (the order rotates every round, so drift hits each alike); times per path. */
async function alternate(paths: readonly Path[], n: number, check?: (t: Timed) => void) {
  const times = paths.map(() => [] as number[]);
  let bytes = 0;
  let encoding = '';
  for (const path of paths) await timedGet(path.url, path.agent, path.headers);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < paths.length; k++) {
      const at = (i + k) % paths.length;
      const path = paths[at]!;
      const t = await timedGet(path.url, path.agent, path.headers);
      check?.(t);
      times[at]!.push(t.ms);
      const got = t.encoding ?? 'identity';
      if (encoding && got !== encoding)
        throw new Error(`the paths negotiated different encodings: ${encoding} vs ${got}`);
      encoding = got;
      bytes = t.bytes;
    }
  }
  return { times, bytes, encoding };
}

/** `kubectl get configmaps -o json` (to /dev/null) on the same cluster: the anchor a person compares with. */
function kubectlList(kubeconfig: string, context: string, ns: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(
      'kubectl',
      ['--kubeconfig', kubeconfig, '--context', context, 'get', 'configmaps', '-n', ns, '-o', 'json'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (c: Buffer) => {
      err += c;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(performance.now() - t0) : reject(new Error(`kubectl exited ${code}: ${err}`)),
    );
  });
}

/** The bare Node.js proxy (bare-proxy.ts) in a process of its own, as the floor of any Node proxy. */
async function startBareProxy(server: string, token: string, caPem: string) {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('bare-proxy.ts', import.meta.url)), server, token],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  child.stdin.end(caPem);
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  const url = /listening on (\S+)/.exec(line.toString())?.[1];
  if (!url) throw new Error(`bare proxy: ${line}`);
  return {
    url,
    async cpuMs() {
      return Number(await (await fetch(`${url}/__cpu`)).text());
    },
    stop: () => child.kill(),
  };
}

/** The backend's own CPU seconds (`process_cpu_seconds_total` from its `/metrics`). */
async function backendCpuSeconds(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('process_cpu_seconds_total '));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : Number.NaN;
}

const spread = (v: number[]) =>
  `median ${f1(median(v))} ms (p10 ${f1(percentile(v, 10))}, p90 ${f1(percentile(v, 90))})`;

const cluster = await start({ name: 'bench', kubelet: false, controllerManager: false });
try {
  const admin = cluster.client();
  await admin.must('POST', '/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace },
  });
  const backend = await startBackend({ kubeconfigs: [cluster.kubeconfigPath] });
  const path = `/api/v1/namespaces/${namespace}/configmaps`;
  const directAgent = new HttpsAgent({ ca: cluster.caPem, keepAlive: true });
  const proxiedAgent = new (await import('node:http')).Agent({ keepAlive: true });
  const direct = (p: string, headers: Record<string, string> = {}): Path => ({
    url: `${cluster.server}${p}`,
    agent: directAgent,
    headers: { Authorization: `Bearer ${cluster.tokens.admin}`, ...headers },
  });
  const bare = await startBareProxy(cluster.server, cluster.tokens.admin, cluster.caPem);
  const viaBare = (p: string, headers: Record<string, string> = {}): Path => ({
    url: `${bare.url}${p}`,
    agent: proxiedAgent,
    headers,
  });
  const proxied = (p: string, headers: Record<string, string> = {}): Path => ({
    url: `${backend.url}/clusters/${cluster.contexts.admin}${p}`,
    agent: proxiedAgent,
    headers,
  });

  const data = { 'app.properties': 'x'.repeat(200) };
  let created = 0;
  const ratios: {
    size: number;
    encoding: string;
    ratio: number;
    md: number;
    mp: number;
    mb: number;
    bare: number;
  }[] = [];
  for (const size of sizes) {
    const t0 = performance.now();
    await createConfigMaps(admin, namespace, created, size, data);
    console.log(`created ConfigMaps ${created}..${size - 1} in ${f1((performance.now() - t0) / 1000)} s`);
    created = size;
    for (const accept of [{}, { 'Accept-Encoding': 'gzip' }] as Record<string, string>[]) {
      const cpu0 = await backendCpuSeconds(backend.url);
      const bare0 = await bare.cpuMs();
      const t = await alternate(
        [direct(path, accept), viaBare(path, accept), proxied(path, accept)],
        runs,
        (r) => {
          if (itemsOf(r) !== size) throw new Error(`expected ${size} items, got ${itemsOf(r)}`);
        },
      );
      const cpu = (await backendCpuSeconds(backend.url)) - cpu0;
      const bareCpu = (await bare.cpuMs()) - bare0;
      const [td, tb, tp] = t.times as [number[], number[], number[]];
      const md = median(td);
      const mb = median(tb);
      const mp = median(tp);
      console.log(
        `list ${size} ConfigMaps, ${t.encoding} (${(t.bytes / 1e6).toFixed(2)} MB on the wire), ${runs} rounds (direct, bare proxy, Porthole; rotating); ${machine()}`,
      );
      console.log(`  direct from the API server: ${spread(td)}`);
      console.log(`  bare Node.js pipe proxy:    ${spread(tb)}`);
      console.log(`  through Porthole's proxy:   ${spread(tp)}`);
      const pairs = td.map((d, i) => tp[i]! / d);
      console.log(
        `  Porthole/direct ${f3(mp / md)} (median of per-round ratios ${f3(median(pairs))}; target <= 1.10); ` +
          `bare/direct ${f3(mb / md)}; Porthole/bare ${f3(mp / mb)}`,
      );
      // The direct runs never touch either proxy: their CPU over the loop is their own runs' (and a warm-up).
      const perList = (cpu * 1000) / (runs + 1);
      const barePerList = bareCpu / (runs + 1);
      const mbOnWire = t.bytes / 1e6;
      console.log(
        `  CPU per proxied LIST: Porthole ${f1(perList)} ms (${f1(perList / mbOnWire)} ms/MB), ` +
          `bare proxy ${f1(barePerList)} ms (${f1(barePerList / mbOnWire)} ms/MB)`,
      );
      ratios.push({ size, encoding: t.encoding, ratio: mp / md, md, mp, mb: mbOnWire, bare: mb / md });
    }
    const kubectl: number[] = [];
    for (let i = 0; i < kubectlRuns; i++)
      kubectl.push(await kubectlList(cluster.kubeconfigPath, cluster.contexts.admin, namespace));
    console.log(
      `  anchor: kubectl get configmaps -o json (${kubectlRuns} runs, to /dev/null): ${spread(kubectl)}; ${machine()}`,
    );
  }

  // A small GET: one ConfigMap, many alternating runs; the added latency is the median per-pair difference.
  const one = `${path}/cm-0`;
  const small = await alternate([direct(one), viaBare(one), proxied(one)], smallRuns);
  const [sd, sb, sp] = small.times as [number[], number[], number[]];
  const added = sp.map((p, i) => p - sd[i]!);
  const bareAdded = sb.map((b, i) => b - sd[i]!);
  console.log(`small GET (one ConfigMap, ${small.bytes} bytes), ${smallRuns} rounds; ${machine()}`);
  console.log(`  direct from the API server: ${spread(sd)}`);
  console.log(`  bare Node.js pipe proxy:    ${spread(sb)}`);
  console.log(`  through Porthole's proxy:   ${spread(sp)}`);
  console.log(
    `  added by Porthole: median ${f3(median(added))} ms, p90 ${f3(percentile(added, 90))} ms (target median <= 1 ms); ` +
      `by the bare proxy: median ${f3(median(bareAdded))} ms`,
  );
  bare.stop();
  await backend.stop();

  const at10k = ratios.filter((r) => r.size === 10_000);
  for (const r of at10k)
    printGoal({
      goal: 4,
      what: `proxy LIST 10,000 ConfigMaps / direct (${r.encoding}, median of ${runs} alternating)`,
      figure: `${r.ratio.toFixed(2)}×`,
      target: '≤ 1.10×',
      met: r.ratio <= 1.1,
    });
  printGoal({
    goal: 4,
    what: `proxy small GET, added latency (median of ${smallRuns} pairs)`,
    figure: `${f3(median(added))} ms`,
    target: '≤ 1 ms',
    met: median(added) <= 1,
  });
  for (const r of ratios)
    printGoal({
      goal: 8,
      what: `proxy LIST ${r.size.toLocaleString('en')} ConfigMaps (${r.mb.toFixed(1)} MB ${r.encoding}): ${f1(r.md)} → ${f1(r.mp)} ms (bare proxy ${r.bare.toFixed(2)}×)`,
      figure: `${r.ratio.toFixed(2)}×`,
      target: '≤ 1.10×',
      met: r.ratio <= 1.1,
    });
} finally {
  await cluster.stop();
}
