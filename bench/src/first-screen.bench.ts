// Benchmark: what the browser downloads before the first screen (the shell with the cluster list) and how
// long that screen takes, in Debian's Chromium against the real backend and a real test cluster. Prints
// the JS+CSS bytes (raw, gzip -9, and what the browser received from the compressing backend; target
// ≤ 100 KB gzip, issue 17) and the median time to the screen; asserts nothing. `npm run bench:first-screen -w @porthole/bench`.
// The backend serves the built-in registry (the product plugins); FIRST_SCREEN_PLUGINS=fixtures serves the
// e2e fixture plugins instead.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { startBackend } from '@porthole/backend/testing';
import { start } from '@porthole/testcluster';
import { printGoal } from './goal-line.ts';

const runs = Number(process.env.BENCH_RUNS ?? 7);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const shellDist = join(repoRoot, 'apps/shell/dist');
// Which plugin registry the backend serves: `builtin` (default: no --plugins, the product plugins as
// `npm start` serves them) or `fixtures` (the e2e fixture plugins).
const registryChoice = process.env.FIRST_SCREEN_PLUGINS === 'fixtures' ? 'fixtures' : 'builtin';
const registry = join(repoRoot, 'e2e/fixtures/plugins.yaml');

if (!existsSync(join(shellDist, 'index.html'))) {
  console.error('apps/shell/dist is missing: build the shell first (npm run build -w @porthole/shell)');
  process.exit(1);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** One resource the page fetched, as the Resource Timing API saw it. */
interface Fetched {
  url: string;
  type: 'js' | 'css' | 'other';
  /** Milliseconds after navigation start when its last byte arrived. */
  responseEnd: number;
  /** Body bytes as received (compressed when the server compressed it). */
  sent: number;
}

const cluster = await start({ name: 'first-screen', kubelet: false, controllerManager: false });
const backend = await startBackend({
  kubeconfigs: [cluster.kubeconfigPath],
  // A registry with plugins, as in production: the first screen must still load none of their code.
  ...(registryChoice === 'fixtures' && existsSync(registry) ? { args: ['--plugins', registry] } : {}),
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const times: number[] = [];
  let before: Fetched[] = [];
  let after: Fetched[] = [];
  for (let run = 0; run < runs; run += 1) {
    // A fresh context per run: empty cache, nothing remembered.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${backend.url}/`);
    // The first screen: the shell's frame with the cluster list filled in.
    await page.getByTestId('cluster-name').nth(2).waitFor();
    const firstScreen = await page.evaluate(() => performance.now());
    times.push(firstScreen);
    if (run === 0) {
      // Let lazy loads that follow the first screen finish, to show what was (rightly) left for later.
      await page.waitForLoadState('networkidle');
      const entries = await page.evaluate(() =>
        (
          performance.getEntriesByType('resource') as unknown as {
            name: string;
            responseEnd: number;
            encodedBodySize: number;
          }[]
        ).map((e) => ({ url: e.name, responseEnd: e.responseEnd, sent: e.encodedBodySize })),
      );
      const fetched = entries.map((e): Fetched => {
        const path = new URL(e.url).pathname;
        const type = path.endsWith('.js') ? 'js' : path.endsWith('.css') ? 'css' : 'other';
        return { url: e.url, type, responseEnd: e.responseEnd, sent: e.sent };
      });
      before = fetched.filter((f) => f.type !== 'other' && f.responseEnd <= firstScreen);
      after = fetched.filter((f) => f.type !== 'other' && f.responseEnd > firstScreen);
    }
    await context.close();
  }

  async function sizes(list: Fetched[]) {
    const out: { path: string; raw: number; gzip: number }[] = [];
    for (const f of list) {
      const body = Buffer.from(await (await fetch(f.url)).arrayBuffer());
      out.push({
        path: new URL(f.url).pathname,
        raw: body.length,
        gzip: gzipSync(body, { level: 9 }).length,
      });
    }
    return out;
  }
  const first = await sizes(before);
  const later = await sizes(after);
  const total = (list: { raw: number; gzip: number }[]) => ({
    raw: list.reduce((n, f) => n + f.raw, 0),
    gzip: list.reduce((n, f) => n + f.gzip, 0),
  });

  const plugins = (await (await fetch(`${backend.url}/api/plugins`)).json()) as {
    plugins: { name: string }[];
  };
  console.log(`first screen (shell + cluster list), ${runs} cold loads in Chromium against a real backend:`);
  console.log(
    `  plugins in the bundle (${registryChoice === 'fixtures' ? 'e2e fixture registry' : 'built-in registry'}): ${plugins.plugins.map((p) => p.name).join(', ') || 'none'}`,
  );
  console.log(
    `  time to the screen: median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`,
  );
  console.log('  JS+CSS fetched before the screen:');
  for (const f of first)
    console.log(`    ${f.path.padEnd(48)} ${kb(f.raw).padStart(10)} raw ${kb(f.gzip).padStart(9)} gzip`);
  const sum = total(first);
  console.log(
    `    ${'total'.padEnd(48)} ${kb(sum.raw).padStart(10)} raw ${kb(sum.gzip).padStart(9)} gzip (target ≤ 100 KB gzip)`,
  );
  const rest = total(later);
  console.log(
    `  fetched after the screen (lazy: plugin runtime, pages): ${later.length} files, ${kb(rest.raw)} raw, ${kb(rest.gzip)} gzip`,
  );
  console.log(
    `  bytes the browser received for them (the backend compresses the shell's files): ${kb(before.reduce((n, f) => n + f.sent, 0))}`,
  );
  printGoal({
    goal: 6,
    what: `first screen JS+CSS gzip -9 (${registryChoice === 'fixtures' ? 'fixture plugins' : 'product plugins'} in the registry)`,
    figure: kb(sum.gzip),
    target: '≤ 100 KB',
    met: sum.gzip <= 100 * 1024,
  });
} finally {
  await browser.close();
  await backend.stop();
  await cluster.stop();
}
