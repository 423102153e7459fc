import { expect, test } from '@playwright/test';
import { e2eEnvironment, everyContext } from './environment.ts';

test.describe('the clusters page', () => {
  test('shows every context of the kubeconfig with its server, live, by name', async ({ page }) => {
    const env = e2eEnvironment();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });

    await page.goto(env.baseURL);
    await expect(page).toHaveTitle('Porthole');
    await expect(page.getByRole('banner')).toContainText('Porthole');
    // The list comes live from the multiplexer, which keeps clusters by name.
    // The global setup's second kubeconfig adds `hung`, a server that never answers (hung-cluster.spec.ts).
    await expect(page.getByTestId('cluster-name')).toHaveText([
      env.contexts.admin,
      env.hung.context,
      env.contexts['team-a'],
      env.contexts.viewer,
    ]);
    await expect(page.getByTestId('cluster-server')).toHaveText([
      env.server,
      env.hung.server,
      env.server,
      env.server,
    ]);
    expect(problems).toEqual([]);
  });

  test('never puts a token into the page', async ({ page }) => {
    const env = e2eEnvironment();
    await page.goto(env.baseURL);
    await expect(page.getByTestId('cluster-name')).toHaveCount(everyContext(env).length);
    const html = await page.content();
    expect(html).toContain('admin@e2e');
    for (const token of Object.values(env.tokens)) expect(html).not.toContain(token);
  });

  test('serves the page for a client-side route too', async ({ page }) => {
    const env = e2eEnvironment();
    await page.goto(`${env.baseURL}/c/${encodeURIComponent(env.contexts.viewer)}`);
    await expect(page.getByTestId('cluster-name')).toHaveCount(everyContext(env).length);
    await expect(page.getByTestId('cluster-picker')).toHaveText(new RegExp(`^${env.contexts.viewer}`));
    await page.goto(`${env.baseURL}/some/deep/link`);
    await expect(page.getByTestId('not-found')).toContainText('/some/deep/link');
  });
});

test.describe('the shell', () => {
  // A second Solid copy fails silently (broken context, events delegated twice), so check there is one.
  test('provides one Solid through the Module Federation share scope', async ({ page }) => {
    const env = e2eEnvironment();
    await page.goto(env.baseURL);
    await expect(page.getByTestId('cluster-name')).toHaveCount(everyContext(env).length);
    const shared = await page.evaluate(() => {
      type Scope = Record<string, Record<string, { loaded?: boolean }>>;
      type Federation = { __SHARE__?: Record<string, Record<string, Scope>> };
      const containers = (globalThis as { __FEDERATION__?: Federation }).__FEDERATION__?.__SHARE__ ?? {};
      // Every share scope of every container on the page: a second Solid would show up in one of them.
      const scopes = Object.values(containers).flatMap((byScope) => Object.values(byScope));
      return Object.fromEntries(
        ['solid-js', 'solid-js/web'].map((name) => [
          name,
          scopes.flatMap((scope) =>
            Object.entries(scope[name] ?? {}).map(([version, s]) => ({ version, loaded: s.loaded === true })),
          ),
        ]),
      );
    });
    expect(shared).toEqual({
      'solid-js': [{ version: '1.9.19', loaded: true }],
      'solid-js/web': [{ version: '1.9.19', loaded: true }],
    });
  });
});
