import { expect, test } from '@playwright/test';
import { e2eEnvironment, everyContext } from './environment.ts';
import { clusterPage, muxSubscriptions, navigateTo, pluginErrorCard } from './shell-pages.ts';

test.describe('plugin routes as single-spa applications', () => {
  test('navigating away from a plugin route ends its multiplexer subscriptions (/metrics)', async ({
    page,
  }) => {
    const env = e2eEnvironment();
    const watches = async () => (await muxSubscriptions(env.baseURL)).watch ?? -1;
    await page.goto(`${clusterPage(env.baseURL, env.contexts.admin)}?bundle=default`);
    await expect(page.getByTestId('cluster-name')).toHaveCount(everyContext(env).length);
    // The shell itself watches the cluster list only; whatever else runs, this tab adds one watch per mount.
    const before = await watches();
    await navigateTo(page, 'Hello');
    await expect(page.getByTestId('hello-configmaps')).toContainText('ConfigMaps in default');
    await expect.poll(watches).toBe(before + 1);
    await navigateTo(page, 'Overview');
    await expect(page.getByTestId('plugin-route')).toHaveCount(0);
    await expect.poll(watches).toBe(before);

    // Mounted again, and left through the browser's back button this time.
    await navigateTo(page, 'Hello');
    await expect(page.getByTestId('hello-configmaps')).toContainText('ConfigMaps in default');
    await expect.poll(watches).toBe(before + 1);
    await page.goBack();
    await expect(page.getByTestId('plugin-route')).toHaveCount(0);
    await expect.poll(watches).toBe(before);
  });

  test('a plugin that throws while its watch is open has the watch ended, and leaves nothing open once left', async ({
    page,
  }) => {
    const env = e2eEnvironment();
    const watches = async () => (await muxSubscriptions(env.baseURL)).watch ?? -1;
    await page.goto(`${clusterPage(env.baseURL, env.contexts.admin)}?bundle=default`);
    await expect(page.getByTestId('cluster-name')).toHaveCount(everyContext(env).length);
    const before = await watches();
    await navigateTo(page, 'Crashes later');
    // The watch is really open (the backend holds it) before the plugin crashes.
    await expect(page.getByTestId('throws-configmaps')).toContainText('ConfigMaps in default');
    await expect.poll(watches).toBe(before + 1);
    await page.getByRole('button', { name: 'Throw', exact: true }).click();
    await expect(pluginErrorCard(page, 'throws')).toContainText(
      'fixture plugin throws while its watch is open',
    );
    // The boundary disposed what crashed: its watch ends while the error card shows, and stays ended.
    await expect.poll(watches).toBe(before);
    await navigateTo(page, 'Overview');
    await expect(page.getByTestId('plugin-route')).toHaveCount(0);
    await expect.poll(watches).toBe(before);
  });

  test('two plugins and the shell run on one solid-js', async ({ page }) => {
    const env = e2eEnvironment();
    await page.goto(`${clusterPage(env.baseURL, env.contexts.admin)}?bundle=payments`);
    await navigateTo(page, 'Hello');
    // hello's page lists what extra contributes to its extension point: both plugins are loaded.
    await expect(page.getByTestId('hello-greetings')).toContainText('Greetings from extra');
    // hello's kit Button reaches the shell's toasts: one kit, one context.
    await page.getByRole('button', { name: 'Say hello' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Hello from the hello plugin' })).toBeVisible();
    await navigateTo(page, 'Extra');
    await expect(page.getByRole('heading', { name: 'Extra plugin page' })).toBeVisible();

    // Every share scope on the page holds exactly one solid-js (and solid-js/web), the shell's, and both
    // plugins use it: their JSX runs on solid-js/web, hello's <For> on solid-js. The same for the UI kit:
    // hello's page uses it, from the shell, with no copy of its own.
    const shared = await page.evaluate(() => {
      type Shared = { from?: string; loaded?: boolean; useIn?: string[] };
      type Federation = {
        __SHARE__?: Record<string, Record<string, Record<string, Record<string, Shared>>>>;
      };
      const share = (globalThis as { __FEDERATION__?: Federation }).__FEDERATION__?.__SHARE__ ?? {};
      return Object.fromEntries(
        ['solid-js', 'solid-js/web', '@porthole/ui'].map((name) => {
          const registrations = Object.values(share).flatMap((byScope) =>
            Object.values(byScope).flatMap((scope) =>
              Object.entries(scope[name] ?? {}).map(([version, s]) => ({
                version,
                from: s.from,
                loaded: s.loaded,
                useIn: [...(s.useIn ?? [])].sort(),
              })),
            ),
          );
          // The same registration is seen from each container's view of the scope: count distinct ones.
          return [name, [...new Map(registrations.map((r) => [JSON.stringify(r), r])).values()]];
        }),
      );
    });
    const one = (useIn: string[], version = '1.9.19') => [
      { version, from: 'porthole_shell', loaded: true, useIn },
    ];
    expect(shared).toEqual({
      'solid-js': one(['porthole_hello', 'porthole_shell']),
      'solid-js/web': one(['porthole_extra', 'porthole_hello', 'porthole_shell']),
      '@porthole/ui': one(['porthole_hello', 'porthole_shell'], '1.0.0'),
    });

    // The shell's own check agrees (it compares the module the share scope hands out with its own).
    await page.getByTestId('plugins-link').click();
    const web = page.locator('[data-testid="shared-singleton"][data-name="solid-js/web"]');
    await expect(web).toHaveAttribute('data-copies', '1');
    await expect(web.getByTestId('shared-users')).toHaveText(
      'porthole_shell, porthole_hello, porthole_extra',
    );
    const solid = page.locator('[data-testid="shared-singleton"][data-name="solid-js"]');
    await expect(solid).toHaveAttribute('data-copies', '1');
    const kit = page.locator('[data-testid="shared-singleton"][data-name="@porthole/ui"]');
    await expect(kit).toHaveAttribute('data-copies', '1');
    await expect(kit.getByTestId('shared-users')).toHaveText('porthole_shell, porthole_hello');
    for (const plugin of ['hello', 'extra']) {
      await expect(
        page.locator(`[data-testid="plugin-row"][data-plugin="${plugin}"] [data-testid="plugin-status"]`),
      ).toHaveText('loaded');
    }
  });
});
