// Benchmark of the terminal plugin in Debian's Chromium against the real backend (built-in registry) and
// a real test cluster: 100,000 log lines (time until the last is shown, JS heap, scroll frame times),
// shell output throughput (10 MB through the terminal vs the same command's exec straight from the API
// server), and the plugin's JS (gzip) fetched when the Logs tab is first opened. Prints; asserts nothing.
// `npm run bench:terminal -w @porthole/bench` (build the shell and plugins/terminal first).
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { startBackend } from '@porthole/backend/testing';
import { openExec, runPod, start } from '@porthole/testcluster';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const cluster = await start({ name: 'terminal-bench' });
const admin = cluster.client('admin');
await runPod(admin, { name: 'lines', command: ['sh', '-c', 'seq 1 100000 | sed "s/^/line /"; sleep 3600'] });
await runPod(admin, { name: 'box', command: ['sleep', '3600'] });
const backend = await startBackend({ kubeconfigs: [cluster.kubeconfigPath] });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info'],
});
const podURL = (pod: string, tab: string) =>
  `${backend.url}/c/${encodeURIComponent(cluster.contexts.admin)}/r/core/v1/pods/default/${pod}?tab=${tab}`;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Plugin JS when the Logs tab is first opened: what /plugins/terminal/ sent after the detail page.
  await page.goto(podURL('lines', 'overview'));
  await page.getByRole('tab', { name: 'Logs' }).waitFor();
  const seen = new Set<string>();
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/plugins/terminal/') && r.url().endsWith('.js'))
      seen.add(r.url());
  });
  await page.getByRole('tab', { name: 'Logs' }).click();
  await page.getByRole('log').waitFor();
  await page.waitForLoadState('networkidle');
  let gzip = 0;
  for (const url of seen)
    gzip += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer()), { level: 9 }).length;
  console.log(`terminal plugin JS fetched on first opening Logs: ${seen.size} files, ${kb(gzip)} gzip`);

  // 100,000 lines: choose "All lines" and time until the last one is in view.
  const started = Date.now();
  await page.getByLabel('Tail', { exact: true }).selectOption('');
  await page.getByRole('log').getByText('line 100000', { exact: true }).waitFor({ timeout: 120_000 });
  const shownMs = Date.now() - started;
  const heap = await page.evaluate(
    () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
  );
  // Scroll from the bottom to the top in 40 steps, one per frame; the longest frame says whether it janks.
  const frames = await page.getByRole('log').evaluate(async (el) => {
    const times: number[] = [];
    let last = performance.now();
    for (let i = 40; i >= 0; i--) {
      el.scrollTop = (el.scrollHeight * i) / 40;
      await new Promise((r) =>
        (
          globalThis as unknown as { requestAnimationFrame(cb: (t: number) => void): void }
        ).requestAnimationFrame(r),
      );
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return times.sort((a, b) => a - b);
  });
  const rows = await page.locator('.term-log-line').count();
  console.log(
    `100,000 log lines: last line shown after ${shownMs} ms; JS heap ${(heap / 1048576).toFixed(1)} MB; ` +
      `${rows} rows in the DOM; scrolling top to bottom: median frame ${frames[20]?.toFixed(1)} ms, worst ${frames.at(-1)?.toFixed(1)} ms`,
  );

  // Shell throughput: 10 MB of output through xterm, vs the same exec straight from the API server.
  const command = 'head -c 7500000 /dev/zero | base64 -w 100; echo DONE-MARK';
  await page.goto(podURL('box', 'shell'));
  await page.getByRole('group', { name: /^Shell in / }).click();
  await page.keyboard.type('stty -echo');
  await page.keyboard.press('Enter');
  const t0 = Date.now();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  await page
    .locator('.xterm-rows > div', { hasText: /^DONE-MARK/ })
    .first()
    .waitFor({ timeout: 300_000 });
  const viaPortholeMs = Date.now() - t0;
  const t1 = Date.now();
  const execQuery = ['sh', '-c', command].map((c) => `command=${encodeURIComponent(c)}`).join('&');
  const direct = await openExec({
    url: `${cluster.server.replace(/^https/, 'wss')}/api/v1/namespaces/default/pods/box/exec?${execQuery}&stdout=true&stderr=true`,
    caPem: cluster.caPem,
    token: cluster.tokens.admin,
  });
  await direct.done;
  const directMs = Date.now() - t1;
  const mb = 10_000_000 / 1e6;
  console.log(
    `shell output, ${mb} MB: through Porthole into xterm ${viaPortholeMs} ms (${(mb / (viaPortholeMs / 1000)).toFixed(1)} MB/s); ` +
      `exec straight from the API server ${directMs} ms (${(mb / (directMs / 1000)).toFixed(1)} MB/s)`,
  );
} finally {
  await browser.close();
  await backend.stop();
  await cluster.stop();
}
