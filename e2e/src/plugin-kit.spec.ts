import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { type RunningBackend, startBackend } from '@porthole/backend/testing';
import type { BundleManifest } from '@porthole/protocol';
import { e2eEnvironment } from './environment.ts';
import { createPodThroughPortal, muxSubscriptions } from './shell-pages.ts';

// A platform team's path, end to end: `npx porthole create-plugin`, `npm run build`, one entry in the
// registry file of a running backend, and the plugin is in the already open shell: nothing rebuilt or
// restarted. The backend is this spec's own (`porthole serve --dev` with a registry file it may edit), on
// the e2e cluster.

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const name = 'kit-e2e';
const context = 'kit@e2e';
const podName = 'kit-e2e-pod';
// As from a terminal: a NODE_ENV inherited from the runner must not turn `rsbuild build` into a dev build.
const { NODE_ENV: _runnerMode, ...shellEnv } = process.env;

let scratch: string;
let registryFile: string;
let pluginDir: string;
let backend: RunningBackend;

/** Replaces the registry file the way editors save (write, then rename), which the backend watches. */
async function writeRegistry(plugins: Record<string, string>, bundle: string[]): Promise<void> {
  const entries = Object.entries(plugins).map(
    ([plugin, path]) => `  ${plugin}: { path: ${JSON.stringify(path)} }`,
  );
  const text = `plugins:\n${entries.join('\n')}\nbundles:\n  default: [${bundle.join(', ')}]\n`;
  await writeFile(`${registryFile}.tmp`, text);
  await rename(`${registryFile}.tmp`, registryFile);
}

test.describe.configure({ mode: 'serial' });

test.describe('the plugin kit', () => {
  test.beforeAll(async () => {
    const env = e2eEnvironment();
    await mkdir(join(repoRoot, '.test-results'), { recursive: true });
    // Inside the checkout (gitignored), where `porthole create-plugin` resolves the SDK and the kit.
    scratch = await mkdtemp(join(repoRoot, '.test-results', 'plugin-kit-e2e-'));
    registryFile = join(scratch, 'plugins.yaml');
    pluginDir = join(scratch, name);
    await writeRegistry({ hello: join(repoRoot, 'e2e/fixtures/plugins/hello/dist') }, ['hello']);
    const kubeconfig = join(scratch, 'kubeconfig.yaml');
    await writeFile(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        `current-context: ${context}`,
        `clusters: [{ name: e2e, cluster: { server: ${JSON.stringify(env.server)}, insecure-skip-tls-verify: true } }]`,
        `users: [{ name: admin, user: { token: ${JSON.stringify(env.tokens.admin)} } }]`,
        `contexts: [{ name: ${JSON.stringify(context)}, context: { cluster: e2e, user: admin } }]`,
        '',
      ].join('\n'),
    );
    backend = await startBackend({
      kubeconfigs: [kubeconfig],
      args: ['--plugins', registryFile, '--dev'],
      logFile: join(scratch, 'backend.log'),
    });
  });

  test.afterAll(async () => {
    await backend?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  test('a scaffolded plugin, built and registered, appears in an open shell and lists pods live', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const created = await run('npx', ['porthole', 'create-plugin', name, '--dir', pluginDir], {
      cwd: repoRoot,
      env: shellEnv,
    });
    expect(created.stdout).toContain(`Created plugin "${name}"`);
    await run('npm', ['run', 'build'], { cwd: pluginDir, env: shellEnv });
    const metadata = JSON.parse(await readFile(join(pluginDir, 'dist/porthole-plugin.json'), 'utf8'));
    expect(metadata).toMatchObject({ name, remoteName: 'porthole_kit_e2e' });

    await page.goto(`${backend.url}/c/${encodeURIComponent(context)}/hello`);
    await expect(page.getByRole('heading', { name: 'Hello from a plugin' })).toBeVisible();
    const nav = page.getByTestId('nav');
    await expect(nav.getByRole('link', { name: 'Hello' })).toBeVisible();
    // The plugin's section (its "Pods" route; the sidebar's own Pods list is in Workloads).
    const kitSection = page.getByTestId('nav-section').filter({ hasText: 'Kit E2e' });
    await expect(kitSection.getByRole('link', { name: 'Pods' })).toHaveCount(0);
    // Marks this document: a reload would lose it.
    await page.evaluate(() => {
      (globalThis as { kitMarker?: string }).kitMarker = 'still the same page';
    });

    await writeRegistry(
      { hello: join(repoRoot, 'e2e/fixtures/plugins/hello/dist'), [name]: join(pluginDir, 'dist') },
      ['hello', name],
    );
    await expect
      .poll(async () => {
        const manifest = (await (await fetch(`${backend.url}/api/plugins`)).json()) as BundleManifest;
        return manifest.plugins.map((plugin) => plugin.name);
      })
      .toContain(name);
    // The shell refreshes its plugin list on navigation (and on focus, and every 15 s): navigate inside it.
    await nav.getByRole('link', { name: 'Overview' }).click();
    const pods = kitSection.getByRole('link', { name: 'Pods' });
    await expect(pods).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('nav-section').filter({ hasText: 'Kit E2e' })).toContainText('Pods');

    const pod = await createPodThroughPortal(page.request, backend.url, context, podName);
    try {
      await pods.click();
      await expect(page.getByRole('heading', { name: `Pods in ${context}` })).toBeVisible();
      await expect(page.getByRole('row').filter({ hasText: podName })).toContainText('default');
      expect(await page.evaluate(() => (globalThis as { kitMarker?: string }).kitMarker)).toBe(
        'still the same page',
      );
    } finally {
      await pod.remove();
    }
    // Live: the deletion reaches the open page through the multiplexer.
    await expect(page.getByRole('row').filter({ hasText: podName })).toHaveCount(0, { timeout: 20_000 });
  });

  test('npm run dev serves the plugin to the portal (?dev=), and an edit hot-reloads it in the open page', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const dev = spawn('npm', ['run', 'dev', '--', '--port', '3901'], {
      cwd: pluginDir,
      env: shellEnv,
      detached: true,
    });
    const file = join(pluginDir, 'src/pages/PodsPage.tsx');
    const source = await readFile(file, 'utf8');
    const pluginFile = join(pluginDir, 'src/plugin.ts');
    try {
      const devUrl = await devServerUrl(dev);
      const entryRequest = page.waitForRequest(`${devUrl}remoteEntry.js`);
      await page.goto(`${backend.url}/c/${encodeURIComponent(context)}/${name}/pods?dev=${name}=${devUrl}`);
      await entryRequest;
      await expect(page.getByRole('heading', { name: `Pods in ${context}` })).toBeVisible();
      // Code from outside the registry is never unnoticed: the top bar says which plugin and from where.
      await expect(page.getByTestId('dev-overrides')).toHaveText(`Dev code: ${name}`);
      await expect(page.getByTestId('dev-overrides')).toHaveAttribute(
        'title',
        new RegExp(`${name} ← ${devUrl}`),
      );
      // The page's multiplexer socket and the plugin's pod watch are up.
      await expect.poll(() => muxGauge(backend.url, 'porthole_mux_sockets')).toBe(1);
      await expect.poll(async () => (await muxSubscriptions(backend.url)).watch ?? 0).toBeGreaterThan(0);
      const watches = (await muxSubscriptions(backend.url)).watch;
      // Marks this document: a reload would lose it. And any new socket to the backend is counted.
      await page.evaluate(() => {
        (globalThis as { kitMarker?: string }).kitMarker = 'before the edit';
      });
      const socketsAfterEdit: string[] = [];
      page.on('websocket', (socket) => {
        if (socket.url().startsWith(backend.url.replace(/^http/, 'ws'))) socketsAfterEdit.push(socket.url());
      });
      const hotUpdate = page.waitForRequest((request) => /\.hot-update\.(?:js|json)$/.test(request.url()));

      await writeFile(file, source.replace('<h1>Pods in ', '<h1>Edited pods in '));
      await hotUpdate;
      await expect(page.getByRole('heading', { name: `Edited pods in ${context}` })).toBeVisible({
        timeout: 30_000,
      });
      // Hot, not reloaded: the same document, the same multiplexer socket (no new one), and the re-mounted
      // page watches pods again on it (its old watch ended with the old page).
      expect(await page.evaluate(() => (globalThis as { kitMarker?: string }).kitMarker)).toBe(
        'before the edit',
      );
      expect(socketsAfterEdit).toEqual([]);
      expect(await muxGauge(backend.url, 'porthole_mux_sockets')).toBe(1);
      await expect.poll(async () => (await muxSubscriptions(backend.url)).watch).toBe(watches);
      await expect(page.getByRole('heading', { name: `Pods in ${context}`, exact: true })).toHaveCount(0);

      // An update that can't be applied hot (here the plugin module throws when re-run) falls back to
      // reloading the portal page, which keeps the override and shows the plugin's error card. (Only in the
      // browser: the dev server's porthole-plugin.json, read in Node, stays good.)
      const pluginSource = await readFile(pluginFile, 'utf8');
      const broken = "if (typeof window !== 'undefined') throw new Error('kit-e2e: broken on purpose');";
      await writeFile(pluginFile, `${broken}\n${pluginSource}`);
      // Asked while the page reloads, evaluate fails (its document is going away): ask again.
      await expect
        .poll(
          () =>
            page.evaluate(() => (globalThis as { kitMarker?: string }).kitMarker).catch(() => 'reloading'),
          { timeout: 30_000 },
        )
        .toBeUndefined();
      expect(page.url()).toContain(`dev=${name}=`);
      await expect(page.getByTestId('plugin-error')).toBeVisible({ timeout: 20_000 });
      // Fixed: the fixed code comes back, through the error card's Retry (the failed plugin had nothing
      // running to update) or, when the dev server's rebuild reloads the page first, by that reload.
      await writeFile(pluginFile, pluginSource);
      const fixed = page.getByRole('heading', { name: `Edited pods in ${context}` });
      await expect(async () => {
        const retry = page.getByRole('button', { name: 'Retry' });
        if (await retry.isVisible()) await retry.click({ timeout: 2_000 });
        await expect(fixed).toBeVisible({ timeout: 2_000 });
      }).toPass({ timeout: 30_000 });
      await expect(page.getByTestId('plugin-error')).toHaveCount(0);
    } finally {
      if (dev.pid) process.kill(-dev.pid, 'SIGTERM');
      await writeFile(file, source);
    }
  });
});

/** A gauge of the backend's `/metrics` without labels, e.g. `porthole_mux_sockets`. */
async function muxGauge(baseURL: string, metric: string): Promise<number> {
  const text = await (await fetch(`${baseURL}/metrics`)).text();
  const found = new RegExp(`^${metric} (\\d+)$`, 'm').exec(text);
  return Number(found?.[1] ?? Number.NaN);
}

/** The dev server's URL, from the line the kit prints once it listens. */
function devServerUrl(dev: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the dev server did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /\?dev=[a-z0-9-]+=(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    dev.stdout?.on('data', read);
    dev.stderr?.on('data', read);
    dev.on('exit', (code) => reject(new Error(`the dev server exited (${code}):\n${output}`)));
  });
}
