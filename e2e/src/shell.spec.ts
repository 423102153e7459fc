import { expect, test } from '@playwright/test';
import { e2eEnvironment } from './environment.ts';
import { clusterPage, navigateTo } from './shell-pages.ts';

// The shell against the fixture registry (e2e/fixtures/plugins.yaml): bundle `default` is hello, throws
// and old-sdk; bundle `payments` is hello and extra.

test.describe('the shell', () => {
  test('opens the first usable cluster at /, with the navigation built from the bundle’s manifests', async ({
    page,
  }) => {
    const env = e2eEnvironment();
    const pluginRequests: string[] = [];
    page.on('request', (req) => {
      if (new URL(req.url()).pathname.startsWith('/plugins/')) pluginRequests.push(req.url());
    });
    await page.goto(`${env.baseURL}/?bundle=default`);
    await expect(page).toHaveURL(`${clusterPage(env.baseURL, env.contexts.admin)}?bundle=default`);
    await expect(page.getByTestId('cluster-picker')).toHaveText(new RegExp(`^${env.contexts.admin}`));
    const nav = page.getByTestId('nav');
    await expect(nav.getByRole('link').nth(0)).toHaveText('Overview');
    await expect(nav.getByRole('link').nth(1)).toHaveText('Resources');
    // The plugins' section, after the kinds (issue 15's sidebar).
    const fixtures = nav
      .getByTestId('nav-section')
      .filter({ has: page.getByRole('button', { name: 'Fixtures', exact: true }) });
    await expect(fixtures.getByRole('link')).toHaveText(['Crashes later', 'Hello', 'Old SDK', 'Throws']);
    await expect(page.getByTestId('bundle-picker')).toHaveValue('default');
    // Only registry code here: no dev-server banner.
    await expect(page.getByTestId('dev-overrides')).toHaveCount(0);
    // The navigation needs no plugin code: nothing under /plugins/ was fetched yet.
    expect(pluginRequests).toEqual([]);
  });

  test('loads the default bundle’s plugin when its route is visited, in the same document', async ({
    page,
  }) => {
    const env = e2eEnvironment();
    await page.goto(`${clusterPage(env.baseURL, env.contexts.admin)}?bundle=default`);
    await page.evaluate(() => {
      (globalThis as { sameDocument?: boolean }).sameDocument = true;
    });
    await navigateTo(page, 'Hello');
    await expect(page.getByRole('heading', { name: 'Hello from a plugin' })).toBeVisible();
    await expect(page.getByTestId('hello-configmaps')).toContainText('ConfigMaps in default');
    await expect(page).toHaveURL(/\/c\/admin%40e2e\/hello/);
    expect(await page.evaluate(() => (globalThis as { sameDocument?: boolean }).sameDocument)).toBe(true);
  });

  test('shows a plugin of another bundle only once ?bundle= selects it, and remembers the choice', async ({
    page,
  }) => {
    const env = e2eEnvironment();
    const nav = page.getByTestId('nav');
    await page.goto(`${clusterPage(env.baseURL, env.contexts.admin)}?bundle=default`);
    await expect(nav.getByRole('link', { name: 'Hello' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Extra' })).toHaveCount(0);
    expect(await page.request.get(`${env.baseURL}/plugins/extra/remoteEntry.js`).then((r) => r.ok())).toBe(
      true,
    );

    await page.goto(`${clusterPage(env.baseURL, env.contexts.admin)}?bundle=payments`);
    await expect(nav.getByRole('link', { name: 'Extra' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Throws' })).toHaveCount(0);
    await navigateTo(page, 'Extra');
    await expect(page.getByRole('heading', { name: 'Extra plugin page' })).toBeVisible();

    // Remembered per browser: a visit without ?bundle= stays on payments.
    await page.goto(clusterPage(env.baseURL, env.contexts.admin));
    await expect(page.getByTestId('bundle-picker')).toHaveValue('payments');
    await expect(nav.getByRole('link', { name: 'Extra' })).toBeVisible();

    // The picker switches back.
    await page.getByTestId('bundle-picker').selectOption('default');
    await expect(nav.getByRole('link', { name: 'Throws' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Extra' })).toHaveCount(0);
  });

  test('switching cluster keeps the page where it means the same thing', async ({ page }) => {
    const env = e2eEnvironment();
    await page.goto(`${clusterPage(env.baseURL, env.contexts.admin, 'hello')}?bundle=default`);
    await expect(page.getByRole('heading', { name: 'Hello from a plugin' })).toBeVisible();
    await page.getByTestId('cluster-picker').click();
    await page.getByRole('combobox', { name: 'Search clusters' }).fill(env.contexts['team-a']);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/c\/team-a%40e2e\/hello\?bundle=default$/);
    await expect(page.getByRole('heading', { name: 'Hello from a plugin' })).toBeVisible();
    await navigateTo(page, 'Overview');
    await expect(page.locator('tr[aria-current="true"] [data-testid="cluster-name"]')).toHaveText(
      env.contexts['team-a'],
    );
  });

  test('says so for a path no page and no plugin owns', async ({ page }) => {
    const env = e2eEnvironment();
    await page.goto(`${clusterPage(env.baseURL, env.contexts.admin, 'no/such/page')}?bundle=default`);
    await expect(page.getByTestId('not-found')).toContainText('no/such/page');
    await navigateTo(page, 'Hello');
    await expect(page.getByRole('heading', { name: 'Hello from a plugin' })).toBeVisible();
  });
});
