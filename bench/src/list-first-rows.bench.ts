// Benchmark (issue 17, goal 1): a list of 1,000 / 10,000 / 50,000 Pending pods across namespaces, in
// Debian's Chromium against the real `porthole serve` and a real test cluster: time from navigation to
// the first rows of the list page and to the complete list, next to `kubectl get pods -A` (output to a
// file, as a person would see it finish) and a direct paginated LIST (pages of 500, parsed) on the same
// cluster, and the SDK's multiplexer client in Node (first chunk / complete). Prints; asserts nothing.
// `npm run bench:list -w @porthole/bench` (BENCH_SIZES=1000,10000 picks sizes; BENCH_RUNS runs per size).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startBackend } from '@porthole/backend/testing';
import { createMuxClient } from '@porthole/sdk';
import { type KubeClient, start } from '@porthole/testcluster';
import { printGoal } from './goal-line.ts';

const sizes = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const namespaceCount = 20;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
if (!existsSync(join(repoRoot, 'apps/shell/dist/index.html'))) {
  console.error('apps/shell/dist is missing: build first (npx turbo run build --filter=@porthole/shell)');
  process.exit(1);
}
const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
};
const namespaceOf = (i: number) => `bench-list-${String(i % namespaceCount).padStart(2, '0')}`;

/** Runs `task` over `0..count-1` from `from`, `width` at a time (the client keeps its sockets alive). */
async function pool(from: number, count: number, width: number, task: (i: number) => Promise<unknown>) {
  let next = from;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** Tops the cluster up to `count` Pending pods (no kubelet, no scheduler: they stay Pending). */
async function createPods(admin: KubeClient, from: number, count: number): Promise<void> {
  await pool(from, count, 48, (i) =>
    admin.must('POST', `/api/v1/namespaces/${namespaceOf(i)}/pods`, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `pod-${String(i).padStart(6, '0')}`,
        labels: { app: `app-${i % 50}`, tier: 'bench' },
      },
      spec: {
        automountServiceAccountToken: false,
        containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }],
      },
    }),
  );
}

/** `kubectl get pods -A` with its output to a file: wall time until kubectl exits. */
async function kubectlGetPods(kubeconfig: string, context: string, out: string): Promise<number> {
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      'sh',
      ['-c', `kubectl --kubeconfig "$1" --context "$2" get pods -A > "$3"`, 'sh', kubeconfig, context, out],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`kubectl exited ${code}`))));
  });
  return performance.now() - started;
}

/** A direct paginated LIST of every pod (pages of 500, each parsed), as the backend does upstream. */
async function directList(admin: KubeClient): Promise<{ ms: number; items: number }> {
  const started = performance.now();
  let items = 0;
  let token = '';
  do {
    const page = await admin.must<{ items: unknown[]; metadata: { continue?: string } }>(
      'GET',
      `/api/v1/pods?limit=500${token ? `&continue=${encodeURIComponent(token)}` : ''}`,
    );
    items += page.items.length;
    token = page.metadata.continue ?? '';
  } while (token);
  return { ms: performance.now() - started, items };
}

/** The SDK's client in Node over the backend's multiplexer: time to the first chunk and to the whole list. */
async function muxList(
  url: string,
  cluster: string,
  count: number,
): Promise<{ first: number; whole: number }> {
  const client = createMuxClient({ url: `${url}/ws` });
  const started = performance.now();
  let first = 0;
  try {
    const watch = client.watch({ cluster, group: '', version: 'v1', resource: 'pods' });
    await new Promise<void>((resolve) => {
      watch.subscribe(() => {
        if (!first && watch.items().length > 0) first = performance.now() - started;
        if (watch.status() === 'live' && watch.items().length >= count) resolve();
      });
    });
    return { first, whole: performance.now() - started };
  } finally {
    client.close();
  }
}

const cluster = await start({ name: 'list-bench', kubelet: false, controllerManager: false });
const backend = await startBackend({ kubeconfigs: [cluster.kubeconfigPath] });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const scratch = await mkdtemp(join(tmpdir(), 'porthole-list-bench-'));
const context = cluster.contexts.admin;
const listUrl = `${backend.url}/c/${encodeURIComponent(context)}/r/core/v1/pods`;

/** One page load of the list: navigation → first rows, → the whole list (count = total, live). */
async function browserList(
  count: number,
): Promise<{ firstRows: number; whole: number; asked: number; firstData: number }> {
  const page = await browser.newPage();
  try {
    // Times are the page's own (performance.now() counts from navigation start), taken by a
    // MutationObserver at the mutation that shows them, not by polling from outside. Plain script
    // text: bench has no DOM lib.
    await page.addInitScript(`(() => {
      const state = {};
      window.__list = state;
      // Where the time goes: when the shell asked for the pods, and when the first of them arrived.
      const Native = window.WebSocket;
      window.WebSocket = class extends Native {
        constructor(...args) {
          super(...args);
          this.addEventListener('message', (e) => {
            if (state.firstData !== undefined || state.id === undefined || typeof e.data !== 'string') return;
            if (e.data.startsWith('{"op":"sync') && e.data.includes('"id":' + state.id + ','))
              state.firstData = performance.now();
          });
        }
        send(data) {
          if (state.asked === undefined && typeof data === 'string' && data.includes('"resource":"pods"')) {
            state.asked = performance.now();
            state.id = JSON.parse(data).id;
          }
          super.send(data);
        }
      };
      new MutationObserver(() => {
        if (state.firstRows === undefined && document.querySelector('[data-testid="resource-row"]'))
          state.firstRows = performance.now();
        const shown = document.querySelector('[data-testid="resource-count"]');
        const live = document.querySelector('[data-testid="live-status"][data-status="live"]');
        if (state.whole === undefined && live && Number(shown?.getAttribute('data-total')) === ${count})
          state.whole = performance.now();
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    })()`);
    await page.goto(listUrl);
    await page.waitForFunction('window.__list?.whole !== undefined', undefined, {
      timeout: 300_000,
      polling: 100,
    });
    const result = (await page.evaluate('window.__list')) as
      | { firstRows?: number; whole?: number; asked?: number; firstData?: number }
      | undefined;
    return {
      firstRows: result?.firstRows ?? Number.NaN,
      whole: result?.whole ?? Number.NaN,
      asked: result?.asked ?? Number.NaN,
      firstData: result?.firstData ?? Number.NaN,
    };
  } finally {
    await page.close();
  }
}

const wholeRow: string[] = [];
try {
  const admin = cluster.client('admin');
  for (let n = 0; n < namespaceCount; n++) {
    await admin.must('POST', '/api/v1/namespaces', { metadata: { name: namespaceOf(n) } });
    // No controller manager: the ServiceAccount admission wants the namespace's `default` account.
    await admin.must('POST', `/api/v1/namespaces/${namespaceOf(n)}/serviceaccounts`, {
      metadata: { name: 'default' },
    });
  }
  // kubectl caches discovery in ~/.kube/cache: one run first, as a person who used it before.
  await kubectlGetPods(cluster.kubeconfigPath, context, join(scratch, 'warm.txt'));
  let have = 0;
  for (const size of sizes) {
    const created = performance.now();
    await createPods(admin, have, size);
    console.log(`created pods ${have}..${size - 1} in ${ms(performance.now() - created)}`);
    have = Math.max(have, size);
    const figures = {
      kubectl: [] as number[],
      direct: [] as number[],
      muxFirst: [] as number[],
      muxWhole: [] as number[],
      first: [] as number[],
      whole: [] as number[],
      asked: [] as number[],
      firstData: [] as number[],
    };
    // Alternating, so load on the shared machine hits each side alike.
    for (let r = 0; r < runs; r++) {
      figures.kubectl.push(
        await kubectlGetPods(cluster.kubeconfigPath, context, join(scratch, `pods-${size}.txt`)),
      );
      figures.direct.push((await directList(admin)).ms);
      const mux = await muxList(backend.url, context, size);
      figures.muxFirst.push(mux.first);
      figures.muxWhole.push(mux.whole);
      // The backend's upstream watch lingers 2 s after its last subscriber: let it go, so each page
      // load starts its own LIST as a person's first visit would.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const seen = await browserList(size);
      figures.first.push(seen.firstRows);
      figures.whole.push(seen.whole);
      figures.asked.push(seen.asked);
      figures.firstData.push(seen.firstData);
      await new Promise((resolve) => setTimeout(resolve, 2500));
    }
    const m = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, median(v)])) as Record<
      keyof typeof figures,
      number
    >;
    const label = size.toLocaleString('en-US');
    console.log(
      `${label} pods in ${namespaceCount} namespaces, median of ${runs} (load ${(await loadAverage()).toFixed(1)}):`,
    );
    console.log(`  list page: first rows ${ms(m.first)} after navigation, whole list ${ms(m.whole)}`);
    console.log(
      `    of which: shell up and pods asked for at ${ms(m.asked)}, first pods arrived at ${ms(m.firstData)}`,
    );
    console.log(
      `  kubectl get pods -A > file: ${ms(m.kubectl)}; direct LIST (pages of 500, parsed): ${ms(m.direct)}`,
    );
    console.log(`  SDK in Node over /ws: first chunk ${ms(m.muxFirst)}, whole list ${ms(m.muxWhole)}`);
    printGoal({
      goal: 1,
      what: `list page first rows, ${label} pods`,
      figure: ms(m.first),
      target: '≤ 500 ms',
      met: m.first <= 500,
    });
    const ratio = m.whole / m.kubectl;
    printGoal({
      goal: 1,
      what: `whole list / kubectl get pods -A, ${label} pods`,
      figure: `${ratio.toFixed(2)}× (${ms(m.whole)} / ${ms(m.kubectl)})`,
      target: '< 1×',
      met: ratio < 1,
    });
    wholeRow.push(`${label}: ${ms(m.whole)} (kubectl ${ms(m.kubectl)}, direct LIST ${ms(m.direct)})`);
  }
  console.log(`TABLE 8 | list: whole pod list in the browser | ${wholeRow.join(' | ')}`);
} finally {
  await browser.close();
  await backend.stop();
  await cluster.stop();
  await rm(scratch, { recursive: true, force: true });
}

async function loadAverage(): Promise<number> {
  const { loadavg } = await import('node:os');
  return loadavg()[0] ?? 0;
}
