import { expect, test } from '@playwright/test';
import { e2eEnvironment } from './environment.ts';
import {
  clusterPage,
  collectProblems,
  expectHelloStillWorks,
  navigateTo,
  pluginErrorCard,
} from './shell-pages.ts';

// Plugin settings from the registry file (fixtures/plugins.yaml): the fixture `configured` declares a
// config schema (team required, greeting and replicas with defaults); its registry entry gives
// `team: Platform` for every bundle; bundle `configured` adds greeting and replicas, bundle
// `misconfigured` gives replicas a string. Served by the global backend.

test.describe('plugin config', () => {
  test("a plugin with a config schema gets its bundle's values over the plugin's, with the defaults", async ({
    page,
  }) => {
    const env = e2eEnvironment();
    const problems = collectProblems(page);
    await page.goto(`${clusterPage(env.baseURL, env.contexts.admin)}?bundle=configured`);
    await navigateTo(page, 'Configured');
    // greeting from the bundle, team from the plugin's entry, replicas from the bundle.
    await expect(page.getByRole('heading', { name: 'Welcome, Platform' })).toBeVisible();
    await expect(page.getByTestId('configured-replicas')).toHaveText('3');
    await expectHelloStillWorks(page);
    expect(problems).toEqual([]);
  });

  test("an invalid value shows the plugin's error card naming the field; the other plugins work", async ({
    page,
  }) => {
    const env = e2eEnvironment();
    await page.goto(`${clusterPage(env.baseURL, env.contexts.admin)}?bundle=misconfigured`);
    const card = pluginErrorCard(page, 'configured');
    await expect(card).toContainText(
      'its config in bundle "misconfigured" is invalid: replicas: Invalid input: expected number, received string',
    );
    await expect(
      card.getByRole('list', { name: 'What to fix for configured' }).getByRole('listitem'),
    ).toHaveText(['replicas: Invalid input: expected number, received string']);
    await expect(page.getByRole('link', { name: 'Configured' })).toHaveCount(0);
    await expectHelloStillWorks(page);
    await page.getByTestId('plugins-link').click();
    const row = page.locator('[data-testid="plugin-row"][data-plugin="configured"]');
    await expect(row.getByTestId('plugin-status')).toHaveText('invalid-config');
    await expect(row.getByTestId('plugin-reason')).toContainText('replicas: Invalid input: expected number');
  });
});
