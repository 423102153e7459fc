import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { type RunningBackend, startBackend } from '@porthole/backend/testing';
import { e2eEnvironment } from './environment.ts';
import { clusterPage } from './shell-pages.ts';

// `--auth token` needs a backend of its own (the shared ones run in local mode); it serves the shared
// cluster's kubeconfig and the fixture registry.
const fixtureRegistry = fileURLToPath(new URL('../fixtures/plugins.yaml', import.meta.url));

test.describe('token login', () => {
  let backend: RunningBackend;
  let dir: string;

  test.beforeAll(async () => {
    const env = e2eEnvironment();
    dir = await mkdtemp(join(tmpdir(), 'porthole-e2e-token-'));
    const secret = join(dir, 'session-secret');
    await writeFile(secret, 'an-e2e-session-secret-that-is-long-enough-0123456789\n', { mode: 0o600 });
    backend = await startBackend({
      kubeconfigs: [env.kubeconfigPath],
      args: ['--auth', 'token', '--session-secret-file', secret, '--plugins', fixtureRegistry],
    });
  });

  test.afterAll(async () => {
    await backend?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('logs in with a pasted token, shows who is logged in, and Log out ends the session', async ({
    page,
  }) => {
    const env = e2eEnvironment();
    const home = `${clusterPage(backend.url, env.contexts.admin)}?bundle=default`;
    await page.goto(home);
    // Not logged in: the page is the login form, remembering where to go back to.
    await expect(page).toHaveURL(/\/login\?return=/);
    await expect(page.getByRole('heading', { name: 'Log in to Porthole' })).toBeVisible();

    await page.getByLabel('Bearer token').fill(`${env.tokens.viewer}-wrong`);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert')).toHaveText('the cluster did not accept this token');

    await page.getByLabel('Bearer token').fill(env.tokens.viewer);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page).toHaveURL(home);
    await expect(page.getByTestId('session-user')).toHaveText('viewer');
    await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
    // The session cookie is HttpOnly and nothing the page holds carries the token.
    expect(
      await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie),
    ).not.toContain('porthole_session');
    expect(await page.content()).not.toContain(env.tokens.viewer);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'porthole_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
    });

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    expect((await page.context().cookies()).find((c) => c.name === 'porthole_session')).toBeUndefined();
    await page.goto(home);
    await expect(page).toHaveURL(/\/login\?return=/);
  });
});
