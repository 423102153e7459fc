import { writeFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { kubectl } from './editor-pages.ts';
import { type E2eEnvironment, e2eEnvironment } from './environment.ts';
import { expectNoRaw403, sectionLinks, sidebar, sidebarReady } from './navigation-pages.ts';
import { clusterPage, collectProblems } from './shell-pages.ts';

// The sidebar by kind (issue 15) on the product backend (the built-in plugins, as the demo serves them).

let env: E2eEnvironment;
test.beforeAll(() => {
  env = e2eEnvironment();
});

test.describe('the sidebar', () => {
  test('groups the kinds the admin may list as people think of them, the CronJobs plugin in Workloads', async ({
    page,
  }) => {
    await page.goto(clusterPage(env.productURL, env.contexts.admin));
    await sidebarReady(page, /^In all namespaces$/);
    const headings = await sidebar(page).getByRole('heading', { level: 2 }).allTextContents();
    // Custom resources (when a spec made a CRD) come next, then the plugins' own sections.
    expect(headings.slice(0, 6)).toEqual(['Workloads', 'Network', 'Config', 'Storage', 'Access', 'Cluster']);
    expect(headings.slice(-2)).toEqual(['Resources', 'Clusters']);
    await expect(sectionLinks(page, 'Workloads')).toHaveText([
      'Pods',
      'Deployments',
      'StatefulSets',
      'DaemonSets',
      'ReplicaSets',
      'Jobs',
      'CronJobs',
    ]);
    // The plugin's page takes the place of the generic CronJob list.
    await expect(sectionLinks(page, 'Workloads').filter({ hasText: 'CronJobs' })).toHaveAttribute(
      'href',
      /\/cronjobs$/,
    );
    await expect(sectionLinks(page, 'Network')).toHaveText([
      'Services',
      'Ingresses',
      'EndpointSlices',
      'NetworkPolicies',
    ]);
    await expect(sectionLinks(page, 'Cluster')).toHaveText([
      'Nodes',
      'Namespaces',
      'Events',
      'CustomResourceDefinitions',
    ]);

    // The entry of the page shown is marked, and a section folds (remembered after a reload).
    await sectionLinks(page, 'Config').filter({ hasText: 'ConfigMaps' }).click();
    await expect(page).toHaveURL(/\/r\/core\/v1\/configmaps$/);
    await expect(sidebar(page).getByRole('link', { name: 'ConfigMaps' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    const network = sidebar(page).getByRole('button', { name: 'Network', exact: true });
    await network.click();
    await expect(network).toHaveAttribute('aria-expanded', 'false');
    await expect(sidebar(page).getByRole('link', { name: 'Services' })).toBeHidden();
    await page.reload();
    await expect(network).toHaveAttribute('aria-expanded', 'false');
    await expect(sidebar(page).getByRole('link', { name: 'Services' })).toBeHidden();
    await network.press('Enter');
    await expect(sidebar(page).getByRole('link', { name: 'Services' })).toBeVisible();
  });

  test('keyboard only: Tab reaches Deployments in the sidebar, with a visible focus, and Enter opens the list', async ({
    page,
  }) => {
    await page.goto(clusterPage(env.productURL, env.contexts.admin));
    await sidebarReady(page);
    const deployments = sidebar(page).getByRole('link', { name: 'Deployments', exact: true });
    let reached = false;
    for (let i = 0; i < 40 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await deployments.evaluate(
        (el) =>
          el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
      );
    }
    expect(reached).toBe(true);
    const outline = await deployments.evaluate(
      (el) =>
        (
          globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string } }
        ).getComputedStyle(el).outlineStyle,
    );
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/r\/apps\/v1\/deployments$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Deployment/);
    await expect(deployments).toHaveAttribute('aria-current', 'page');
  });

  test('team-a sees the kinds it may list in team-a, and no list of the sidebar answers 403', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const problems = collectProblems(page);
    await page.goto(clusterPage(env.productURL, env.contexts['team-a']));
    await sidebarReady(page, /^In namespace team-a$/);
    const links = sidebar(page).getByTestId('nav-section').getByRole('link');
    const titles = await links.allTextContents();
    // ClusterRole edit in team-a: workloads, config and Secrets; nothing cluster-wide, no RBAC objects.
    for (const name of ['Pods', 'Deployments', 'Jobs', 'Services', 'ConfigMaps', 'Secrets', 'Events'])
      expect(titles).toContain(name);
    for (const name of [
      'Nodes',
      'Namespaces',
      'PersistentVolumes',
      'StorageClasses',
      'Roles',
      'ClusterRoles',
      'ClusterRoleBindings',
      'CustomResourceDefinitions',
    ])
      expect(titles).not.toContain(name);
    // kubectl, as team-a, agrees with what the sidebar left out and kept.
    const canI = (what: string) =>
      kubectl(env, '--context', env.contexts['team-a'], 'auth', 'can-i', 'list', what, '-n', 'team-a').catch(
        (err: { stdout?: string }) => err.stdout ?? '',
      );
    expect((await canI('roles.rbac.authorization.k8s.io')).trim()).toBe('no');
    expect((await canI('secrets')).trim()).toBe('yes');

    const kindLinks = titles.filter((t) => t !== 'CronJobs' && t !== 'Contexts' && t !== 'Create from YAML');
    expect(kindLinks.length).toBeGreaterThan(10);
    for (const title of kindLinks) {
      await sidebar(page).getByRole('link', { name: title, exact: true }).click();
      await expect(page.getByTestId('live-status'), `the ${title} list`).toHaveAttribute(
        'data-status',
        'live',
      );
      await expect(page.getByRole('heading', { name: /You can't/ })).toHaveCount(0);
      await expect(page.getByLabel('Namespace', { exact: true })).toHaveValue('team-a');
    }
    await expectNoRaw403(page);
    expect(problems.filter((p) => p.includes('page error'))).toEqual([]);
  });
});

test.describe('custom resources', () => {
  const group = `nav-${Date.now().toString(36)}.e2e.example.com`;
  const crd = `gadgets.${group}`;

  test.afterAll(async () => {
    await kubectl(env, 'delete', 'crd', crd, '--wait=false').catch(() => '');
  });

  test('a CRD the cluster serves shows under Custom resources, headed by its API group', async ({ page }) => {
    const manifest = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: crd },
      spec: {
        group,
        scope: 'Namespaced',
        names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        ],
      },
    };
    const file = test.info().outputPath('crd.json');
    await writeFile(file, JSON.stringify(manifest));
    await kubectl(env, 'apply', '-f', file);
    await kubectl(env, 'wait', '--for=condition=Established', `crd/${crd}`, '--timeout=30s');
    await page.goto(clusterPage(env.productURL, env.contexts.admin));
    await sidebarReady(page);
    const custom = sidebar(page)
      .getByTestId('nav-section')
      .filter({ has: page.getByRole('button', { name: 'Custom resources', exact: true }) });
    await expect(custom.getByRole('heading', { name: group, level: 3 })).toBeVisible();
    await custom.getByRole('link', { name: 'Gadgets', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/r/${group.replaceAll('.', '\\.')}/v1/gadgets$`));
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
  });
});

test.describe('the namespace choice', () => {
  test('is one per cluster: every list page and the sidebar share it, and it is remembered', async ({
    page,
  }) => {
    await page.goto(clusterPage(env.productURL, env.contexts.admin, 'r/core/v1/pods'));
    await sidebarReady(page, /^In all namespaces$/);
    const picker = page.getByLabel('Namespace', { exact: true });
    await picker.selectOption('kube-system');
    await sidebarReady(page, /^In namespace kube-system$/);
    await sidebar(page).getByRole('link', { name: 'ConfigMaps', exact: true }).click();
    await expect(page).toHaveURL(/\/r\/core\/v1\/configmaps$/);
    await expect(picker).toHaveValue('kube-system');
    await page.reload();
    await expect(picker).toHaveValue('kube-system');
    await sidebarReady(page, /^In namespace kube-system$/);
    // Another cluster keeps its own choice.
    await page.goto(clusterPage(env.productURL, env.productContexts.second, 'r/core/v1/configmaps'));
    await expect(picker).toHaveValue('');
    await page.goto(clusterPage(env.productURL, env.contexts.admin, 'r/core/v1/secrets'));
    await expect(picker).toHaveValue('kube-system');
  });
});

test.describe('themes', () => {
  test('follow the system until the Theme menu picks one, which is remembered', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(clusterPage(env.productURL, env.contexts.admin));
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(html).toHaveAttribute('data-theme', 'light');

    await page.getByRole('button', { name: 'Theme' }).click();
    await expect(page.getByRole('menuitemradio', { name: 'As the system' })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    await page.getByRole('menuitemradio', { name: 'Dark' }).click();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    // The system says light; the person said dark.
    await page.getByRole('button', { name: 'Theme' }).press('Enter');
    await expect(page.getByRole('menuitemradio', { name: 'Dark' })).toHaveAttribute('aria-checked', 'true');
    // The menu opens on its first item (As the system); Light is next.
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitemradio', { name: 'Light' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(html).toHaveAttribute('data-theme', 'light');
  });

  test('at 200 % zoom the page does not overflow and the sidebar folds behind Menu', async ({ browser }) => {
    // 640 × 400 CSS pixels at a device scale of 2 is what a 1280 × 800 window shows at 200 %.
    const context = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    try {
      await page.goto(clusterPage(env.productURL, env.contexts.admin));
      const overflow = () =>
        page.evaluate(() => {
          const root = (
            globalThis as unknown as {
              document: { documentElement: { scrollWidth: number; clientWidth: number } };
            }
          ).document.documentElement;
          return root.scrollWidth - root.clientWidth;
        });
      await expect(page.getByRole('button', { name: 'Theme' })).toBeVisible();
      expect(await overflow()).toBeLessThanOrEqual(0);
      const deployments = sidebar(page).getByRole('link', { name: 'Deployments', exact: true });
      await expect(deployments).toBeHidden();
      const menu = sidebar(page).getByRole('button', { name: 'Menu' });
      await menu.click();
      await expect(menu).toHaveAttribute('aria-expanded', 'true');
      await deployments.click();
      await expect(page).toHaveURL(/\/r\/apps\/v1\/deployments$/);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await overflow()).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });
});
