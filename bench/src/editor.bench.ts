// Benchmark: the editor plugin (issue 10) in Debian's Chromium against the real backend (built-in registry)
// and a real test cluster. Prints: the JS+CSS (gzip) the editor adds when first opened; the time from
// clicking `Edit YAML` to an editable editor on a 1 MiB ConfigMap and on a Deployment (first open, code
// not cached, and a later open); the time until its schema check is ready in the page; and, in Node, the
// time to fetch and parse a Deployment's schema from /openapi/v2 and to validate a Deployment against it.
// Asserts nothing. `npm run bench:editor -w @porthole/bench`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from '@playwright/test';
import { startBackend } from '@porthole/backend/testing';
import { createHttpClient, createResources } from '@porthole/sdk';
import { createOpenApiSchemas } from '@porthole/sdk/schema';
import { start } from '@porthole/testcluster';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
for (const built of ['apps/shell/dist/index.html', 'plugins/editor/dist/remoteEntry.js'])
  if (!existsSync(join(repoRoot, built))) {
    console.error(
      `${built} is missing: npx turbo run build --filter=@porthole/shell --filter=@porthole/plugin-editor`,
    );
    process.exit(1);
  }

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (values: number[]) =>
  `median ${median(values).toFixed(0)} ms (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)})`;

const cluster = await start({ name: 'editor-bench', kubelet: false });
const backend = await startBackend({ kubeconfigs: [cluster.kubeconfigPath] });
const browser: Browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const context = cluster.contexts.admin;
const http = createHttpClient({ baseUrl: backend.url });
const resources = createResources(http);
try {
  // A ConfigMap of 1 MiB of data (1,000 keys of 1,000 characters) and a Deployment.
  const data: Record<string, string> = {};
  for (let i = 0; i < 1000; i++) data[`key-${String(i).padStart(4, '0')}`] = 'x'.repeat(1000);
  const ns = { cluster: context, group: '', version: 'v1', namespace: 'default' };
  await resources.create(
    { ...ns, resource: 'configmaps' },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data },
  );
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.27',
              ports: [{ containerPort: 80 }],
              env: [{ name: 'A', value: '1' }],
              resources: { limits: { cpu: '500m', memory: '256Mi' } },
            },
            { name: 'sidecar', image: 'busybox', args: ['sleep', 'infinity'] },
          ],
        },
      },
    },
  };
  await resources.create({ ...ns, group: 'apps', resource: 'deployments' }, deployment);

  const detail = (path: string) => `${backend.url}/c/${encodeURIComponent(context)}/r/${path}`;
  /** Clicks Edit YAML on an open detail page; ms until the editor is editable, and until its schema is ready. */
  async function openEditor(page: Page): Promise<{ editable: number; schema: number }> {
    const button = page.getByRole('button', { name: 'Edit YAML' });
    await button.waitFor();
    const t0 = await page.evaluate(() => performance.now());
    await button.click();
    await page.locator('[contenteditable="true"][aria-label^="YAML of"]').waitFor();
    const editable = (await page.evaluate(() => performance.now())) - t0;
    await page
      .getByRole('status')
      .filter({ hasText: /schema of/i })
      .waitFor();
    const schema = (await page.evaluate(() => performance.now())) - t0;
    return { editable, schema };
  }

  const added: { path: string; gzip: number }[] = [];
  const timings: Record<string, { editable: number[]; schema: number[] }> = {};
  for (const [label, path] of [
    ['ConfigMap of 1 MiB', 'core/v1/configmaps/default/big'],
    ['Deployment', 'apps/v1/deployments/default/web'],
  ] as const) {
    const cold = { editable: [] as number[], schema: [] as number[] };
    const warm = { editable: [] as number[], schema: [] as number[] };
    for (let run = 0; run < runs; run++) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(detail(path));
      // Let the detail page finish its own lazy loads, so what follows is what Edit YAML adds.
      await page.waitForLoadState('networkidle');
      const before = await page.evaluate(() => performance.getEntriesByType('resource').length);
      const first = await openEditor(page);
      cold.editable.push(first.editable);
      cold.schema.push(first.schema);
      if (run === 0 && label === 'Deployment') {
        const urls = await page.evaluate(
          (n) =>
            performance
              .getEntriesByType('resource')
              .slice(n)
              .map((e) => e.name),
          before,
        );
        for (const url of urls.filter((u) => /\.(js|css)$/.test(new URL(u).pathname))) {
          const body = Buffer.from(await (await fetch(url)).arrayBuffer());
          added.push({ path: new URL(url).pathname, gzip: gzipSync(body, { level: 9 }).length });
        }
      }
      // Close the editor and open it again: the code is loaded and the schema cached now.
      await page.getByRole('button', { name: 'Close' }).click();
      const again = await openEditor(page);
      warm.editable.push(again.editable);
      warm.schema.push(again.schema);
      await ctx.close();
    }
    timings[`${label}, first open`] = cold;
    timings[`${label}, later open`] = warm;
  }

  console.log('editor plugin, in Chromium against a real backend and cluster (built-in registry):');
  console.log('  JS+CSS the editor adds when Edit YAML is first opened (gzip -9):');
  for (const f of added) console.log(`    ${f.path.padEnd(56)} ${kb(f.gzip).padStart(9)}`);
  console.log(`    ${'total'.padEnd(56)} ${kb(added.reduce((n, f) => n + f.gzip, 0)).padStart(9)}`);
  console.log(`  Edit YAML → editable editor, and → schema check ready (${runs} runs each):`);
  for (const [label, t] of Object.entries(timings))
    console.log(`    ${label.padEnd(30)} editable ${ms(t.editable)}; schema ready ${ms(t.schema)}`);

  // In Node: the schema fetch + parse of one kind (fresh cache each time), and validation.
  const parseTimes: number[] = [];
  let kind: Awaited<ReturnType<ReturnType<typeof createOpenApiSchemas>['kind']>>;
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    kind = await createOpenApiSchemas(http).kind(context, {
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
    });
    parseTimes.push(performance.now() - t0);
  }
  const checks: number[] = [];
  let problems = 0;
  for (let run = 0; run < 200; run++) {
    const t0 = performance.now();
    if (kind) problems = kind.check(deployment).length;
    checks.push(performance.now() - t0);
  }
  console.log(`  /openapi/v2 fetched and a Deployment's schema parsed out of it (Node): ${ms(parseTimes)}`);
  console.log(
    `  validating a Deployment against its schema (checkObject, 200 runs): median ${(median(checks) * 1000).toFixed(0)} µs, ${problems} problems`,
  );
} finally {
  await browser.close();
  await backend.stop();
  await cluster.stop();
}
