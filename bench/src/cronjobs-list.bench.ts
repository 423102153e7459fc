// Benchmark: the CronJobs plugin's list with 1,000 CronJobs and 10,000 Jobs (batch/v1beta1, Kubernetes
// 1.20), in Debian's Chromium against the real backend (built-in registry) and a real test cluster.
// Prints the plugin JS (gzip) fetched when the list is first opened, the time to the first rows and to
// the last row (End key), the page's JS heap, and a scroll through the whole list; asserts nothing.
// `npm run bench:cronjobs -w @porthole/bench` (BENCH_CRONJOBS / BENCH_JOBS change the counts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { startBackend } from '@porthole/backend/testing';
import { start } from '@porthole/testcluster';

const cronJobCount = Number(process.env.BENCH_CRONJOBS ?? 1000);
const jobCount = Number(process.env.BENCH_JOBS ?? 10_000);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
for (const built of ['apps/shell/dist/index.html', 'plugins/cronjobs/dist/remoteEntry.js']) {
  if (!existsSync(join(repoRoot, built))) {
    console.error(
      `${built} is missing: build first (npx turbo run build --filter=@porthole/shell --filter=@porthole/plugin-cronjobs)`,
    );
    process.exit(1);
  }
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Runs `task` over `items` with `width` at a time. */
async function pool<T>(items: T[], width: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await task(items[next++] as T);
    }),
  );
}

const cluster = await start({ name: 'cronjobs-bench', kubelet: false, controllerManager: false });
const backend = await startBackend({ kubeconfigs: [cluster.kubeconfigPath] });
const admin = cluster.client('admin');
const namespace = 'bench';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  await admin.must('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
  const schedules = ['*/5 * * * *', '0 * * * *', '30 2 * * 1', '@daily', '15 */6 * * *'];
  const started = performance.now();
  const uids: string[] = [];
  await pool([...Array(cronJobCount).keys()], 16, async (i) => {
    const created = await admin.must<{ metadata: { uid: string } }>(
      'POST',
      `/apis/batch/v1beta1/namespaces/${namespace}/cronjobs`,
      {
        metadata: { name: `cron-${String(i).padStart(4, '0')}` },
        spec: {
          schedule: schedules[i % schedules.length],
          suspend: i % 10 === 0,
          jobTemplate: {
            spec: {
              template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } },
            },
          },
        },
      },
    );
    uids[i] = created.metadata.uid;
  });
  await pool([...Array(jobCount).keys()], 16, (j) => {
    const owner = j % cronJobCount;
    return admin.must('POST', `/apis/batch/v1/namespaces/${namespace}/jobs`, {
      metadata: {
        name: `cron-${String(owner).padStart(4, '0')}-${j}`,
        ownerReferences: [
          {
            apiVersion: 'batch/v1beta1',
            kind: 'CronJob',
            name: `cron-${String(owner).padStart(4, '0')}`,
            uid: uids[owner],
            controller: true,
          },
        ],
      },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
    });
  });
  console.log(
    `created ${cronJobCount} CronJobs and ${jobCount} Jobs in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );

  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${backend.url}/c/${encodeURIComponent(cluster.contexts.admin)}`);
  await page.getByRole('navigation').getByRole('link', { name: 'CronJobs' }).waitFor();
  const before = await page.evaluate(() => performance.getEntriesByType('resource').length);
  const t0 = await page.evaluate(() => performance.now());
  await page.getByRole('navigation').getByRole('link', { name: 'CronJobs' }).click();
  await page.getByRole('row', { name: /cron-0001/ }).waitFor();
  const firstRows = (await page.evaluate(() => performance.now())) - t0;
  // Next runs need the cron libraries (lazy): wait until the first row shows its explanation.
  await page
    .getByRole('row', { name: /cron-0001/ })
    .getByText('Every hour')
    .waitFor();
  const explained = (await page.evaluate(() => performance.now())) - t0;
  const fetched = await page.evaluate(
    (skip) =>
      performance
        .getEntriesByType('resource')
        .slice(skip)
        .map((e) => e.name),
    before,
  );
  let pluginGzip = 0;
  let pluginRaw = 0;
  for (const url of fetched.filter(
    (u) => new URL(u).pathname.startsWith('/plugins/cronjobs/') && /\.(js|css)$/.test(u),
  )) {
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    pluginRaw += body.length;
    pluginGzip += gzipSync(body, { level: 9 }).length;
  }
  const rowsAt = await page.getByRole('row').count();
  await page.getByRole('row', { name: /cron-0001/ }).click();
  const t1 = await page.evaluate(() => performance.now());
  await page.keyboard.press('End');
  await page
    .getByRole('row', { name: new RegExp(`cron-${String(cronJobCount - 1).padStart(4, '0')}`) })
    .waitFor();
  const toEnd = (await page.evaluate(() => performance.now())) - t1;
  const scrollThrough = () =>
    page.getByTestId('cronjobs-scroll').evaluate(async (el) => {
      el.scrollTop = 0;
      const start = performance.now();
      let frames = 0;
      while (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
        el.scrollTop += el.clientHeight;
        // bench has no DOM lib: the page's own requestAnimationFrame, looked up at run time.
        await new Promise((r) =>
          (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame(
            () => r(null),
          ),
        );
        frames += 1;
      }
      return { ms: performance.now() - start, frames };
    });
  // Right after the first rows (the 10,000 Jobs may still be arriving), then again once all is loaded.
  const scroll = await scrollThrough();
  await page.waitForTimeout(5000);
  const steady = await scrollThrough();
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  const nodes = metrics.find((m) => m.name === 'Nodes')?.value ?? 0;

  console.log(`CronJobs list, ${cronJobCount} CronJobs + ${jobCount} Jobs, Chromium against a real backend:`);
  console.log(
    `  plugin JS+CSS fetched on first open: ${kb(pluginRaw)} raw, ${kb(pluginGzip)} gzip (${fetched.filter((u) => u.includes('/plugins/cronjobs/')).length} files)`,
  );
  console.log(
    `  navigation click → first rows: ${firstRows.toFixed(0)} ms; → schedules explained (cron libs loaded): ${explained.toFixed(0)} ms`,
  );
  console.log(`  table rows in the DOM: ${rowsAt} (virtualised); End → last row: ${toEnd.toFixed(0)} ms`);
  for (const [when, pass] of [
    ['at once', scroll],
    ['5 s later', steady],
  ] as const)
    console.log(
      `  scroll through the whole list a screen per frame, ${when}: ${pass.frames} frames in ${pass.ms.toFixed(0)} ms (${(pass.ms / Math.max(1, pass.frames)).toFixed(1)} ms/frame)`,
    );
  console.log(`  JS heap after GC: ${mb(heap)}; DOM nodes: ${nodes}`);
  await context.close();
} finally {
  await browser.close();
  await backend.stop();
  await cluster.stop();
}
