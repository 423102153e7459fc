import { execFile } from 'node:child_process';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, type Page, test } from '@playwright/test';
import { type RunningBackend, startBackend } from '@porthole/backend/testing';
import {
  kubeconfigText,
  kubectlContexts,
  saveByRename,
  shownContexts,
  subscriptions,
  type TestContext,
  type TestEntries,
  timed,
} from './contexts-pages.ts';
import { type E2eEnvironment, e2eEnvironment } from './environment.ts';

const run = promisify(execFile);

// A backend of its own (the shared ones' kubeconfig must not change under other specs), reading three
// files: mine.yaml (edited by the tests; its contexts use the shared cluster and users defined in the
// third), a missing one, and the shared e2e cluster's kubeconfig.
let env: E2eEnvironment;
let backend: RunningBackend;
let dir: string;
let mine: string;
let missing: string;
let files: string[];
let tarpit: Server;
let real: { cluster: string; admin: string };

const badUser = { name: 'wrong-token', token: 'not-a-valid-token-e2e' };
let entries: TestEntries;
let base: TestContext[];

const writeMine = (contexts: TestContext[], save = (p: string, t: string) => writeFile(p, t)) =>
  save(mine, kubeconfigText(contexts, entries));
const url = (cluster: string, rest = 'contexts') => `${backend.url}/c/${encodeURIComponent(cluster)}/${rest}`;
const fileItem = (page: Page, path: string) =>
  page.getByRole('list', { name: 'Kubeconfig files' }).getByRole('listitem', { name: path });
const healthOf = (page: Page, name: string) =>
  page
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) })
    .getByTestId('context-health');

/** Whether the top bar's switcher lists `name` (opened and closed again with the keyboard). */
async function switcherHas(page: Page, name: string): Promise<boolean> {
  await page.keyboard.press('Control+Shift+K');
  const option = page
    .getByRole('listbox', { name: 'Clusters' })
    .getByRole('option', { name: new RegExp(`^${name}`) });
  const count = await option.count();
  await page.keyboard.press('Escape');
  return count === 1;
}

test.describe('the contexts plugin (issue 13): kubeconfig contexts, files and health, live', () => {
  test.beforeAll(async () => {
    env = e2eEnvironment();
    dir = await mkdtemp(join(tmpdir(), 'porthole-contexts-e2e-'));
    mine = join(dir, 'mine.yaml');
    missing = join(dir, 'not-there.yaml');
    files = [mine, missing, env.kubeconfigPath];
    const { stdout } = await run('/usr/bin/kubectl', [
      'config',
      'view',
      '--kubeconfig',
      env.kubeconfigPath,
      '-o',
      'json',
    ]);
    const view = JSON.parse(stdout) as {
      contexts: { name: string; context: { cluster: string; user: string } }[];
    };
    const admin = view.contexts.find((c) => c.name === env.contexts.admin)?.context;
    if (!admin) throw new Error('the e2e kubeconfig has no admin context');
    real = { cluster: admin.cluster, admin: admin.user };
    // Accepts connections and never answers: a server that hangs until the probe's time-out.
    tarpit = createServer(() => {});
    await new Promise<void>((resolve) => tarpit.listen(0, '127.0.0.1', resolve));
    const port = (tarpit.address() as { port: number }).port;
    entries = {
      current: 'mine-admin',
      clusters: [
        { name: 'dead', server: 'https://127.0.0.1:1' },
        { name: 'hangs', server: `https://127.0.0.1:${port}` },
      ],
      users: [badUser],
    };
    base = [
      { name: 'mine-admin', cluster: real.cluster, user: real.admin },
      { name: 'bad-token', cluster: real.cluster, user: badUser.name },
      { name: 'dead-server', cluster: 'dead', user: real.admin },
    ];
    await writeMine(base);
    backend = await startBackend({ kubeconfigs: files, logFile: join(dir, 'backend.log') });
  });
  test.afterAll(async () => {
    await backend?.stop();
    tarpit?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('1: three files, one missing: exactly kubectl’s merged contexts, and the missing file as a note', async ({
    page,
  }) => {
    await page.goto(url('mine-admin'));
    const expected = await kubectlContexts(files);
    expect(expected).toContain('mine-admin');
    await expect.poll(() => shownContexts(page)).toEqual(expected);
    const names = ((await (await fetch(`${backend.url}/api/clusters`)).json()) as { name: string }[]).map(
      (c) => c.name,
    );
    expect(names.sort()).toEqual(expected);
    await expect(fileItem(page, missing)).toContainText('Missing');
    await expect(fileItem(page, missing)).toContainText('skipped, as kubectl does');
    await expect(fileItem(page, mine)).toContainText('OK');
    await expect(fileItem(page, env.kubeconfigPath)).toContainText('OK');
    // The merged current context is marked.
    await expect(page.getByRole('row').filter({ hasText: 'mine-admin' })).toContainText('current');
  });

  test('2: add, remove, editor-style save, truncated write and fix show live, without a reload', async ({
    page,
  }) => {
    await page.goto(url('mine-admin'));
    await expect.poll(() => shownContexts(page)).toContain('dead-server');
    const added = { name: 'added-live', cluster: real.cluster, user: real.admin };

    await writeMine([...base, added]);
    await timed('append a context → on the page', async () =>
      expect(await shownContexts(page)).toContain('added-live'),
    );
    await timed('… and in the top bar’s switcher', async () =>
      expect(await switcherHas(page, 'added-live')).toBe(true),
    );

    await writeMine(base);
    await timed('remove a context → gone from the page', async () =>
      expect(await shownContexts(page)).not.toContain('added-live'),
    );
    await timed('… and from the switcher', async () =>
      expect(await switcherHas(page, 'added-live')).toBe(false),
    );

    // Editor-style save (temp file + rename): sample the table every few ms; no sample may miss a context.
    // In the page (the e2e code has no DOM types): every 5 ms, the names the table shows.
    await page.evaluate(`window.samples = []; window.sampler = setInterval(() => {
      const links = document.querySelectorAll('table[aria-label="Contexts"] a');
      window.samples.push([...links].map((a) => a.textContent));
    }, 5)`);
    await writeMine([...base, added], saveByRename);
    await timed('editor-style save → the new context shown', async () =>
      expect(await shownContexts(page)).toContain('added-live'),
    );
    const samples = (await page.evaluate('clearInterval(window.sampler), window.samples')) as string[][];
    expect(samples.length).toBeGreaterThan(3);
    for (const sample of samples) expect(sample).toEqual(expect.arrayContaining(base.map((c) => c.name)));

    // A writer stopped halfway: the file is broken, its contexts are kept.
    const full = kubeconfigText([...base, added], entries);
    await writeFile(mine, full.slice(0, full.lastIndexOf('namespace')));
    await timed('truncated write → the file shown as broken', async () =>
      expect(await fileItem(page, mine).textContent()).toContain('Invalid'),
    );
    await expect(fileItem(page, mine)).toContainText('The last good contexts are still served');
    await expect(fileItem(page, mine)).toContainText(/line \d+, column \d+/);
    expect(await shownContexts(page)).toEqual(
      expect.arrayContaining([...base.map((c) => c.name), 'added-live']),
    );

    await writeMine(base);
    await timed('fixed → the file OK again', async () =>
      expect(await fileItem(page, mine).textContent()).toContain('OK'),
    );
    await expect.poll(() => shownContexts(page)).not.toContain('added-live');

    // A truncated-to-nothing file (some editors truncate, then write) keeps its contexts too.
    await truncate(mine, 0);
    await writeMine(base);
    await expect(fileItem(page, mine)).toContainText('OK');
    expect(await shownContexts(page)).toEqual(expect.arrayContaining(base.map((c) => c.name)));
  });

  test('3: a context removed while a page of it is open in another tab: "context removed", its subscriptions end', async ({
    page,
    context,
  }) => {
    const doomed = { name: 'doomed', cluster: real.cluster, user: real.admin };
    await writeMine([...base, doomed]);
    await page.goto(url('mine-admin'));
    await expect.poll(() => shownContexts(page)).toContain('doomed');
    const other = await context.newPage();
    await other.goto(url('doomed', 'r/core/v1/configmaps'));
    await expect(other.getByRole('table')).toBeVisible();
    await expect.poll(() => subscriptions(backend.url, 'watch')).toBeGreaterThan(0);

    await writeMine(base);
    await timed('context removed → the other tab says so', async () =>
      expect(await other.getByRole('heading', { name: 'Context removed' }).count()).toBe(1),
    );
    await expect(other.getByRole('alert')).toContainText('“doomed” was removed from the kubeconfig');
    await expect.poll(() => subscriptions(backend.url, 'watch')).toBe(0);
    await other.getByRole('link', { name: 'Go to the contexts' }).click();
    await expect(other.getByRole('heading', { name: 'Contexts' })).toBeVisible();
    await expect.poll(() => shownContexts(other)).not.toContain('doomed');
    await other.close();
  });

  test('4: health: version of a reachable cluster, cause of a dead server, 401 of a bad token; Check again', async ({
    page,
  }) => {
    await page.goto(url('mine-admin'));
    await expect(healthOf(page, 'mine-admin')).toContainText('Reachable');
    await expect(healthOf(page, 'mine-admin')).toContainText(/v1\.20\.\d+ · \d+ ms/);
    await expect(healthOf(page, 'dead-server')).toContainText('Unreachable');
    await expect(healthOf(page, 'dead-server')).toContainText('connection refused');
    await expect(healthOf(page, 'bad-token')).toContainText('Unauthorized');
    await expect(healthOf(page, 'bad-token')).toContainText('401');
    const html = await page.content();
    for (const secret of [badUser.token, ...Object.values(env.tokens)]) expect(html).not.toContain(secret);
    await page.getByRole('button', { name: 'Check again' }).click();
    await expect(page.getByRole('button', { name: 'Check again' })).toBeEnabled();
    await expect(healthOf(page, 'mine-admin')).toContainText('Reachable');
  });

  test('4: with 50 contexts, most unreachable, the page paints before the probes answer', async ({
    page,
  }) => {
    const many = Array.from({ length: 47 }, (_, i) => ({
      name: `hangs-${String(i).padStart(2, '0')}`,
      cluster: 'hangs',
      user: real.admin,
    }));
    await writeMine([...base, ...many]);
    await expect
      .poll(async () => ((await (await fetch(`${backend.url}/api/clusters`)).json()) as unknown[]).length)
      .toBe(53);
    const start = performance.now();
    await page.goto(url('mine-admin'));
    await expect(page.getByText('53 from your kubeconfig')).toBeVisible();
    const paintMs = Math.round(performance.now() - start);
    // Painted while the hanging servers' probes are still out (each waits for its 5 s time-out).
    await expect(healthOf(page, 'hangs-00')).toContainText('Checking…');
    console.log(`contexts e2e: 53 contexts (47 hanging): page painted with the list in ${paintMs} ms`);
    // The list is virtualised: filter down to the real context to see its row.
    await page.getByLabel('Filter contexts').fill('mine-admin');
    await expect(healthOf(page, 'mine-admin')).toContainText('Reachable');
    await writeMine(base);
  });

  test('5: the switcher works from the keyboard alone, recent contexts first, and keeps the page', async ({
    page,
  }) => {
    await page.goto(url('mine-admin'));
    await expect(page.getByRole('heading', { name: 'Contexts' })).toBeVisible();
    await page.keyboard.press('Control+Shift+K');
    const search = page.getByRole('combobox', { name: 'Search clusters' });
    await expect(search).toBeFocused();
    await page.keyboard.type('dead');
    await expect(page.getByRole('option')).toHaveCount(1);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(url('dead-server'));
    await expect(page.getByRole('heading', { name: 'Contexts' })).toBeVisible();
    await expect(page.getByTestId('cluster-picker')).toBeFocused();

    // Recent first: the current one, then the one before.
    await page.keyboard.press('Control+Shift+K');
    await expect(page.getByRole('option').nth(0)).toHaveText(/^dead-server/);
    await expect(page.getByRole('option').nth(1)).toHaveText(/^mine-admin/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(url('mine-admin'));

    // Escape closes it without switching; Enter on the focused button opens it again.
    await page.keyboard.press('Enter');
    await expect(search).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(search).toHaveCount(0);
    await expect(page).toHaveURL(url('mine-admin'));
  });
});
