// Benchmark: what a plugin costs (issue 17, goal 7). For the plugin kit's scaffold and each product
// plugin: its `remoteEntry.js` (raw and gzip -9) and, in Debian's Chromium against `porthole serve` and a
// real test cluster, the JS+CSS the page fetches the first time the plugin is used (its page or tab), split
// into the plugin's own files and the shell's lazy code (plugin runtime, resource pages). Prints, asserts
// nothing. `npm run bench:plugin-bytes -w @porthole/bench` (needs `npm run build`).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { startBackend } from '@porthole/backend/testing';
import { runPod, start } from '@porthole/testcluster';
import { printGoal } from './goal-line.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const products = ['editor', 'cronjobs', 'terminal', 'contexts'] as const;
for (const built of [
  'apps/shell/dist/index.html',
  ...products.map((p) => `plugins/${p}/dist/remoteEntry.js`),
]) {
  if (!existsSync(join(repoRoot, built))) {
    console.error(`${built} is missing: run \`npm run build\` first`);
    process.exit(1);
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const gzipOf = (body: Buffer) => gzipSync(body, { level: 9 }).length;

/** The scaffold's entry: `createPlugin` into a folder of the checkout, built as a team would. */
function scaffoldEntry(): Buffer {
  const parent = mkdtempSync(join(repoRoot, 'plugins/.bench-scaffold-'));
  try {
    const dir = join(parent, 'hello');
    execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { createPlugin } from '@porthole/plugin-kit'; await createPlugin({ name: 'hello', dir: ${JSON.stringify(dir)} });`,
      ],
      { cwd: join(repoRoot, 'packages/plugin-kit'), stdio: 'inherit' },
    );
    execFileSync('npx', ['rsbuild', 'build'], {
      cwd: dir,
      stdio: 'ignore',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    return readFileSync(join(dir, 'dist/remoteEntry.js'));
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

const scaffold = scaffoldEntry();
console.log('plugin entries (remoteEntry.js; the federation runtime is the shell’s, not carried by each):');
console.log(
  `  ${'scaffold (create-plugin)'.padEnd(26)} ${kb(scaffold.length).padStart(9)} raw ${kb(gzipOf(scaffold)).padStart(8)} gzip`,
);
printGoal({
  goal: 7,
  what: "scaffold's remoteEntry.js gzip",
  figure: kb(gzipOf(scaffold)),
  target: '≤ 8 KB',
  met: gzipOf(scaffold) <= 8 * 1024,
});
for (const name of products) {
  const entry = readFileSync(join(repoRoot, `plugins/${name}/dist/remoteEntry.js`));
  console.log(
    `  ${name.padEnd(26)} ${kb(entry.length).padStart(9)} raw ${kb(gzipOf(entry)).padStart(8)} gzip`,
  );
}

/** A JS or CSS file the page fetched, and when its last byte arrived. */
interface Fetched {
  url: string;
  responseEnd: number;
}

async function fetchedScripts(page: Page): Promise<Fetched[]> {
  const entries = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as unknown as { name: string; responseEnd: number }[]).map(
      (e) => ({
        url: e.name,
        responseEnd: e.responseEnd,
      }),
    ),
  );
  return entries.filter((e) => /\.(?:js|css)$/.test(new URL(e.url).pathname));
}

const cluster = await start({ name: 'plugin-bytes' });
const backend = await startBackend({ kubeconfigs: [cluster.kubeconfigPath] });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  await runPod(cluster.client('admin'), {
    name: 'bench-pod',
    command: ['sh', '-c', 'echo ready; sleep 3600'],
  });
  const context = cluster.contexts.admin;
  const home = `${backend.url}/c/${encodeURIComponent(context)}`;
  /** How each plugin is first used: its page, or for the terminal the Logs tab of a pod. */
  const uses: Record<(typeof products)[number], (page: Page) => Promise<void>> = {
    editor: async (page) => {
      await page.goto(`${home}/create`);
      await page.getByRole('textbox').first().waitFor();
    },
    cronjobs: async (page) => {
      await page.goto(`${home}/cronjobs`);
      await page.getByRole('heading', { name: 'CronJobs' }).first().waitFor();
    },
    terminal: async (page) => {
      await page.goto(`${home}/r/core/v1/pods/default/bench-pod`);
      await page.getByRole('tab', { name: 'Logs' }).click();
      await page.getByRole('log').getByText('ready').waitFor();
    },
    contexts: async (page) => {
      await page.goto(`${home}/contexts`);
      await page
        .getByRole('heading', { name: /contexts/i })
        .first()
        .waitFor();
    },
  };
  console.log('first use in Chromium (JS+CSS fetched after the cluster page, gzip -9):');
  console.log(
    `  ${'plugin'.padEnd(10)} ${'its own files'.padStart(16)} ${'shell lazy code'.padStart(16)}  files`,
  );
  for (const name of products) {
    const browserContext = await browser.newContext();
    const page = await browserContext.newPage();
    await page.goto(home);
    await page.getByRole('navigation', { name: 'Navigation' }).waitFor();
    await page.waitForLoadState('networkidle');
    const before = new Set((await fetchedScripts(page)).map((f) => f.url));
    await uses[name](page);
    await page.waitForLoadState('networkidle');
    const after = (await fetchedScripts(page)).filter((f) => !before.has(f.url));
    let own = 0;
    let shell = 0;
    for (const f of after) {
      const body = Buffer.from(await (await fetch(f.url)).arrayBuffer());
      if (new URL(f.url).pathname.startsWith(`/plugins/${name}/`)) own += gzipOf(body);
      else shell += gzipOf(body);
    }
    console.log(`  ${name.padEnd(10)} ${kb(own).padStart(16)} ${kb(shell).padStart(16)}  ${after.length}`);
    await browserContext.close();
  }
} finally {
  await browser.close();
  await backend.stop();
  await cluster.stop();
}
