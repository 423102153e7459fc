import { createHash } from 'node:crypto';
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { type RunningBackend, startBackend } from '@porthole/backend/testing';
import { e2eEnvironment } from './environment.ts';
import {
  clusterPage,
  collectProblems,
  expectHelloStillWorks,
  navigateTo,
  pluginErrorCard,
} from './shell-pages.ts';

// A plugin that can't run shows an error card with the reason in its own slot, and the shell and the
// other plugins keep working. Incompatible SDK (old-sdk) and a throw during render (throws) come from the
// fixture registry of the global backend; a plugin server that is down and a tampered entry need a
// registry of their own, so this spec also starts its own backend on the e2e cluster.

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(repoRoot, 'e2e/fixtures/plugins');

test.describe('plugin isolation (fixture registry)', () => {
  test('a plugin whose SDK range does not match shows why, and the others work', async ({ page }) => {
    const env = e2eEnvironment();
    const problems = collectProblems(page);
    await page.goto(`${clusterPage(env.baseURL, env.contexts.admin)}?bundle=default`);
    await navigateTo(page, 'Old SDK');
    await expect(pluginErrorCard(page, 'old-sdk')).toContainText(
      'needs @porthole/sdk ^9.0.0; this shell provides 1.0.0',
    );
    await expect(pluginErrorCard(page, 'old-sdk').getByRole('button', { name: 'Retry' })).toBeVisible();
    await expectHelloStillWorks(page);
    await page.getByTestId('plugins-link').click();
    const row = page.locator('[data-testid="plugin-row"][data-plugin="old-sdk"]');
    await expect(row.getByTestId('plugin-status')).toHaveText('incompatible-sdk');
    await expect(row.getByTestId('plugin-version')).toHaveText('1.0.0');
    await expect(row.getByTestId('plugin-reason')).toContainText('needs @porthole/sdk ^9.0.0');
    expect(problems).toEqual([]);
  });

  test('a plugin that throws while rendering shows the error in its slot; Retry renders it again', async ({
    page,
  }) => {
    const env = e2eEnvironment();
    await page.goto(`${clusterPage(env.baseURL, env.contexts.admin)}?bundle=default`);
    await navigateTo(page, 'Throws');
    const card = pluginErrorCard(page, 'throws');
    await expect(card).toContainText('threw while rendering: fixture plugin throws during render');
    await card.getByRole('button', { name: 'Retry' }).click();
    await expect(pluginErrorCard(page, 'throws')).toContainText('fixture plugin throws during render');
    // The top bar and navigation are the shell's and still work.
    await expect(page.getByTestId('cluster-picker')).toHaveText(new RegExp(`^${env.contexts.admin}`));
    await expectHelloStillWorks(page);
    await expect(pluginErrorCard(page, 'throws')).toHaveCount(0);
    await page.getByTestId('plugins-link').click();
    const row = page.locator('[data-testid="plugin-row"][data-plugin="throws"]');
    await expect(row.getByTestId('plugin-status')).toHaveText('crashed');
    await expect(row.getByTestId('plugin-reason')).toContainText('fixture plugin throws during render');
  });
});

/** A TCP port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

test.describe
  .serial('plugin isolation (own registry: a dead plugin server, a tampered entry)', () => {
    let scratch: string;
    let backend: RunningBackend;

    test.beforeAll(async () => {
      const env = e2eEnvironment();
      await mkdir(join(repoRoot, '.test-results'), { recursive: true });
      scratch = await mkdtemp(join(repoRoot, '.test-results', 'isolation-e2e-'));
      // extra, copied, pinned to the integrity of its entry as built, then changed after pinning.
      const extra = join(scratch, 'extra');
      await cp(join(fixtures, 'extra/dist'), extra, { recursive: true });
      const built = await readFile(join(extra, 'remoteEntry.js'));
      const pin = `sha384-${createHash('sha384').update(built).digest('base64')}`;
      await appendFile(join(extra, 'remoteEntry.js'), '\n;globalThis.tampered = true;\n');
      const registry = join(scratch, 'plugins.yaml');
      await writeFile(
        registry,
        [
          'plugins:',
          `  hello: { path: ${JSON.stringify(join(fixtures, 'hello/dist'))} }`,
          `  extra: { path: ${JSON.stringify(extra)}, integrity: ${JSON.stringify(pin)} }`,
          `  down: { url: "http://127.0.0.1:${await closedPort()}/" }`,
          'bundles:',
          '  default: [hello, extra, down]',
          '',
        ].join('\n'),
      );
      backend = await startBackend({
        kubeconfigs: [env.kubeconfigPath],
        args: ['--plugins', registry],
        logFile: join(scratch, 'backend.log'),
      });
    });

    test.afterAll(async () => {
      await backend?.stop();
      if (scratch) await rm(scratch, { recursive: true, force: true });
    });

    test('a plugin whose server is down shows its card with the reason; the others work', async ({
      page,
    }) => {
      const env = e2eEnvironment();
      const problems = collectProblems(page);
      await page.goto(clusterPage(backend.url, env.contexts.admin));
      await expect(pluginErrorCard(page, 'down')).toContainText('is unreachable');
      await expectHelloStillWorks(page);
      await page.getByTestId('plugins-link').click();
      const row = page.locator('[data-testid="plugin-row"][data-plugin="down"]');
      await expect(row.getByTestId('plugin-status')).toHaveText('unavailable');
      await expect(row.getByTestId('plugin-reason')).toContainText('is unreachable');
      // The one problem on the page is the browser refusing the tampered extra (this registry's other
      // case): the dead server caused none, and nothing else went wrong.
      expect(problems).toEqual([
        expect.stringMatching(
          /^console error: Failed to find a valid digest in the 'integrity' attribute for resource 'http:\/\/127\.0\.0\.1:\d+\/plugins\/extra\/remoteEntry\.js'/,
        ),
      ]);
    });

    test('a plugin whose entry no longer matches its pinned integrity is refused by the browser, with the reason', async ({
      page,
    }) => {
      const env = e2eEnvironment();
      await page.goto(clusterPage(backend.url, env.contexts.admin));
      await navigateTo(page, 'Extra');
      const card = pluginErrorCard(page, 'extra');
      await expect(card).toContainText('does not match its integrity');
      // The browser refused the script: none of the tampered code ran.
      expect(await page.evaluate(() => (globalThis as { tampered?: boolean }).tampered)).toBeUndefined();
      // Retry checks again (and fails again: the bytes are still not the pinned ones).
      await card.getByRole('button', { name: 'Retry' }).click();
      await expect(pluginErrorCard(page, 'extra')).toContainText('does not match its integrity');
      await expectHelloStillWorks(page);
      await page.getByTestId('plugins-link').click();
      const row = page.locator('[data-testid="plugin-row"][data-plugin="extra"]');
      await expect(row.getByTestId('plugin-status')).toHaveText('integrity');
    });
  });
