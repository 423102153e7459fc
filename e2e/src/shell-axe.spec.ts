import { expect, test } from '@playwright/test';
import { seriousViolations } from './axe.ts';
import { detailURL, kubectl } from './editor-pages.ts';
import { type E2eEnvironment, e2eEnvironment } from './environment.ts';
import { sidebarReady } from './navigation-pages.ts';
import { clusterPage } from './shell-pages.ts';

// axe-core on the pages people use every day (issue 15, acceptance 5): the start page, a list, an
// object's page and Go to anything, in both themes: no serious or critical violation.

let env: E2eEnvironment;
const name = `axe-${Date.now().toString(36)}`;

test.beforeAll(async () => {
  env = e2eEnvironment();
  await kubectl(env, 'create', 'configmap', name, '-n', 'default', '--from-literal=greeting=hello');
});

test.afterAll(async () => {
  await kubectl(env, 'delete', 'configmap', name, '-n', 'default', '--wait=false').catch(() => '');
});

for (const theme of ['light', 'dark'] as const) {
  test(`the start page, a list, an object's page and Go to anything pass axe in the ${theme} theme`, async ({
    page,
  }) => {
    // Four full-page axe runs: seconds each on a loaded 2-core machine.
    test.setTimeout(120_000);
    await page.addInitScript((t) => localStorage.setItem('porthole.theme', t), theme);
    await page.goto(`${env.productURL}/`);
    await expect(page).toHaveURL(/\/c\//);
    await sidebarReady(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.getByTestId('cluster-name').first()).toBeVisible();
    expect(await seriousViolations(page), 'the start page').toEqual([]);

    await page.goto(clusterPage(env.productURL, env.contexts.admin, 'r/core/v1/configmaps'));
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
    expect(await seriousViolations(page), 'the ConfigMaps list').toEqual([]);

    await page.goto(detailURL(env, { resource: 'configmaps', namespace: 'default', name }));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
    expect(await seriousViolations(page), "the ConfigMap's page").toEqual([]);

    await page.keyboard.press('Control+K');
    await page.getByRole('combobox', { name: 'Kind or object name' }).fill('config');
    await expect(page.getByRole('option').first()).toBeVisible();
    expect(await seriousViolations(page), 'Go to anything').toEqual([]);
  });
}
