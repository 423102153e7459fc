import { expect, test } from '@playwright/test';
import { kubectl } from './editor-pages.ts';
import { type E2eEnvironment, e2eEnvironment } from './environment.ts';
import { sidebarReady } from './navigation-pages.ts';
import { clusterPage, collectProblems } from './shell-pages.ts';

// "Go to anything" (issue 15, acceptance 2): Ctrl-K, part of a name, Enter.

let env: E2eEnvironment;
const id = Date.now().toString(36);
const configMap = `goto-${id}-settings`;

test.describe('Go to anything', () => {
  test.beforeAll(async () => {
    env = e2eEnvironment();
    await kubectl(env, 'create', 'configmap', configMap, '-n', 'default', '--from-literal=a=b');
  });

  test.afterAll(async () => {
    await kubectl(env, 'delete', 'configmap', configMap, '-n', 'default', '--wait=false').catch(() => '');
  });

  test('Ctrl-K finds a ConfigMap by part of its name, and Enter opens its page', async ({ page }) => {
    const problems = collectProblems(page);
    await page.goto(clusterPage(env.productURL, env.contexts.admin));
    await sidebarReady(page);
    // Nothing of the palette is loaded before it is asked for.
    const paletteChunks: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') paletteChunks.push(r.url());
    });
    await page.keyboard.press('Control+K');
    const dialog = page.getByRole('dialog', { name: 'Go to anything' });
    await expect(dialog).toBeVisible();
    expect(paletteChunks.length).toBeGreaterThan(0);
    const search = dialog.getByRole('combobox', { name: 'Kind or object name' });
    await expect(search).toBeFocused();
    await page.keyboard.type(`${id}-sett`);
    const option = dialog.getByRole('option', { name: `${configMap} ConfigMap · default` });
    await expect(option).toBeVisible();
    await expect(option).toHaveAttribute('aria-selected', 'true');
    await expect(search).toHaveAttribute(
      'aria-activedescendant',
      (await option.getAttribute('id')) ?? 'none',
    );
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`/r/core/v1/configmaps/default/${configMap}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(configMap);
    expect(problems.filter((p) => p.includes('page error'))).toEqual([]);
  });

  test('goes to a kind with the arrows and Enter, and Escape gives the focus back', async ({ page }) => {
    await page.goto(clusterPage(env.productURL, env.contexts.admin));
    await sidebarReady(page);
    const themeButton = page.getByRole('button', { name: 'Theme' });
    await themeButton.focus();
    await page.keyboard.press('Control+K');
    const dialog = page.getByRole('dialog', { name: 'Go to anything' });
    const search = dialog.getByRole('combobox', { name: 'Kind or object name' });
    // The palette's code loads on the first Ctrl-K: type once it has the focus, as a person would.
    await expect(search).toBeFocused();
    await page.keyboard.type('statefulset');
    await expect(dialog.getByRole('option').first()).toHaveAccessibleName(/^StatefulSet Kind · apps\/v1/);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(themeButton).toBeFocused();

    await page.keyboard.press('Control+K');
    await expect(search).toBeFocused();
    await page.keyboard.type('deploy');
    const options = dialog.getByRole('option');
    await expect(options.first()).toHaveAccessibleName(/^Deployment Kind/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/r\/apps\/v1\/deployments$/);
  });

  test('offers the other clusters: Enter opens the same page on the one chosen', async ({ page }) => {
    const other = env.productContexts.second;
    await page.goto(clusterPage(env.productURL, env.contexts.admin, 'r/core/v1/configmaps'));
    await sidebarReady(page);
    await page.keyboard.press('Control+K');
    const dialog = page.getByRole('dialog', { name: 'Go to anything' });
    const search = dialog.getByRole('combobox', { name: 'Kind or object name' });
    await expect(search).toBeFocused();
    // The cluster open now is not offered.
    await page.keyboard.type(env.contexts.admin);
    await expect(dialog.getByRole('status')).toHaveText(/^(No matches|\d+ results?)/);
    await expect(
      dialog.getByRole('option', { name: new RegExp(`^${env.contexts.admin} Cluster`) }),
    ).toHaveCount(0);
    await search.fill(other);
    const option = dialog.getByRole('option', { name: new RegExp(`^${other} Cluster`) });
    await expect(option).toBeVisible();
    await expect(option).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(clusterPage(env.productURL, other, 'r/core/v1/configmaps'));
    await expect(page.getByTestId('cluster-picker')).toHaveText(new RegExp(`^${other}`));
  });

  test('takes hostile text as text: no match, nothing run, nothing requested with it', async ({ page }) => {
    const problems = collectProblems(page);
    const asked: string[] = [];
    page.on('request', (r) => asked.push(decodeURIComponent(r.url())));
    await page.goto(clusterPage(env.productURL, env.contexts.admin));
    await sidebarReady(page);
    await page.keyboard.press('Control+K');
    const dialog = page.getByRole('dialog', { name: 'Go to anything' });
    const hostile = '.*(<img src=x onerror="window.pwned=1">';
    await dialog.getByRole('combobox').fill(hostile);
    await expect(dialog.getByRole('status')).toHaveText(/^No matches/);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(asked.filter((url) => url.includes('onerror'))).toEqual([]);
    expect(problems.filter((p) => p.includes('page error'))).toEqual([]);
  });
});
