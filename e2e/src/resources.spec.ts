import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, type Page, test } from '@playwright/test';
import type { KubeClient } from '@porthole/testcluster';
import { adminKubeClient } from './editor-pages.ts';
import { type E2eEnvironment, e2eEnvironment } from './environment.ts';

const run = promisify(execFile);
const namespace = `resources-e2e-${Date.now().toString(36)}`;
const total = 10_000;
const name = (i: number) => `cm-${String(i).padStart(5, '0')}`;

let env: E2eEnvironment;
let admin: KubeClient;
/** The 10,000 ConfigMaps being created. */
let creating: Promise<void>;

/** kubectl as the admin of the e2e cluster: the second, independent client that changes what the page shows. */
async function kubectl(...args: string[]): Promise<string> {
  const { stdout } = await run('kubectl', [
    '--kubeconfig',
    env.kubeconfigPath,
    '--context',
    env.contexts.admin,
    ...args,
  ]);
  return stdout;
}

const listPath = () => `${env.baseURL}/c/${encodeURIComponent(env.contexts.admin)}/r/core/v1/configmaps`;

async function openNamespace(page: Page) {
  await page.goto(listPath());
  await page.getByTestId('namespace-picker').selectOption(namespace);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
}

test.describe('the resource pages', () => {
  test.beforeAll(async () => {
    env = e2eEnvironment();
    admin = await adminKubeClient(env);
    await admin.must('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
    // 10,000 creates straight to the API server with the admin token, 48 at a time.
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const i = next++;
        await admin.must('POST', `/api/v1/namespaces/${namespace}/configmaps`, {
          metadata: { name: name(i), labels: { shard: String(i % 10) } },
          data: { index: String(i) },
        });
      }
    };
    // In the background: the tests that don't count ConfigMaps run meanwhile; the others await it.
    creating = Promise.all(Array.from({ length: 48 }, worker)).then(() => undefined);
    creating.catch(() => {}); // reported by the tests that await it
  });

  test.afterAll(async () => {
    await creating?.catch(() => {});
    // The namespace controller deletes the 10,000 ConfigMaps in the background.
    await admin?.request('DELETE', `/api/v1/namespaces/${namespace}`);
    admin?.close();
  });

  test('the detail page shows labels and annotations and follows changes until the object is deleted', async ({
    page,
  }) => {
    await kubectl('create', 'configmap', 'detailed', '-n', namespace, '--from-literal=k=v');
    await kubectl('label', 'configmap', 'detailed', '-n', namespace, 'team=payments');
    await kubectl('annotate', 'configmap', 'detailed', '-n', namespace, 'porthole.dev/note=first');
    await page.goto(`${listPath()}/${namespace}/detailed`);
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
    const labels = page.getByTestId('object-labels');
    const annotations = page.getByTestId('object-annotations');
    await expect(labels.locator('[data-key="team"]')).toHaveText('team=payments');
    await expect(annotations.locator('[data-key="porthole.dev/note"]')).toHaveText('first');

    await kubectl(
      'label',
      'configmap',
      'detailed',
      '-n',
      namespace,
      'team=billing',
      'tier=gold',
      '--overwrite',
    );
    await kubectl(
      'annotate',
      'configmap',
      'detailed',
      '-n',
      namespace,
      'porthole.dev/note=second',
      '--overwrite',
    );
    await expect(labels.locator('[data-key="team"]')).toHaveText('team=billing');
    await expect(labels.locator('[data-key="tier"]')).toHaveText('tier=gold');
    await expect(annotations.locator('[data-key="porthole.dev/note"]')).toHaveText('second');

    await kubectl('delete', 'configmap', 'detailed', '-n', namespace);
    await expect(page.getByTestId('object-deleted')).toBeVisible();
    await expect(labels.locator('[data-key="tier"]')).toHaveText('tier=gold');
  });

  test("hosts the bundle's plugin actions and tabs for the object's kind", async ({ page }) => {
    // Two pages, a plugin's code and a reload of the tab's URL: over 20 s on a loaded machine.
    test.setTimeout(60_000);
    // The fixture plugin `hello` (default bundle) adds "Say hello" to ConfigMaps and "Greeting" to Pods.
    await kubectl('create', 'configmap', 'with-plugins', '-n', namespace);
    await page.goto(`${listPath()}/${namespace}/with-plugins`);
    await page.getByTestId('resource-action').filter({ hasText: 'Say hello' }).click();
    await expect(page.getByRole('dialog')).toContainText('Hello, ConfigMap with-plugins');

    await admin.must('POST', `/api/v1/namespaces/${namespace}/pods`, {
      metadata: { name: 'greeted' },
      spec: { containers: [{ name: 'main', image: 'busybox' }] },
    });
    await page.goto(
      `${env.baseURL}/c/${encodeURIComponent(env.contexts.admin)}/r/core/v1/pods/${namespace}/greeted`,
    );
    await expect(page.getByRole('tab')).toHaveText(['Overview', 'Greeting']);
    await expect(page.getByTestId('resource-action')).toHaveCount(0);
    await page.getByRole('tab', { name: 'Greeting' }).click();
    await expect(page.getByTestId('resource-tab-panel')).toContainText('Greeting tab for greeted');
    // The tab is in the URL: a reload comes back to it.
    await page.reload();
    await expect(page.getByTestId('resource-tab-panel')).toContainText('Greeting tab for greeted');
    await page.getByRole('tab', { name: 'Overview' }).click();
    await expect(page.getByTestId('object-name')).toHaveText('greeted');
  });

  test('the resource index links every kind to its list', async ({ page }) => {
    await page.goto(`${env.baseURL}/c/${encodeURIComponent(env.contexts.admin)}/r`);
    await page.keyboard.press('/');
    await page.keyboard.type('cronjob');
    // batch/v1beta1 on this 1.20 cluster: the index shows the version the cluster serves.
    await page.getByTestId('kind-link').filter({ hasText: 'CronJob' }).click();
    await expect(page).toHaveURL(/\/r\/batch\/v1beta1\/cronjobs$/);
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
  });

  test('lists 10,000 ConfigMaps live from the cluster, filters them and scrolls to the last one', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await creating;
    await openNamespace(page);
    const count = page.getByTestId('resource-count');
    // The controller manager adds kube-root-ca.crt to every namespace: ask the name filter for ours.
    await page.keyboard.press('/');
    await expect(page.getByTestId('name-filter')).toBeFocused();
    await page.keyboard.type('cm-');
    await expect(count).toHaveAttribute('data-shown', String(total));
    // Virtualised: a screenful of rows exists, not 10,000.
    expect(await page.getByTestId('resource-row').count()).toBeLessThan(100);

    // Keyboard: ArrowDown goes from the filter to the rows, End to the last one, Enter opens it.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    const last = page.getByTestId('resource-name').filter({ hasText: name(total - 1) });
    await expect(last).toBeInViewport();
    await expect(page.getByTestId('resource-row').filter({ hasText: name(total - 1) })).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/r/core/v1/configmaps/${namespace}/${name(total - 2)}$`));
    await expect(page.getByTestId('object-name')).toHaveText(name(total - 2));
    await page.goBack();

    // The label selector is applied in the browser.
    await page.getByTestId('namespace-picker').selectOption(namespace);
    await page.getByTestId('label-filter').fill('shard in (3,7)');
    await expect(count).toHaveAttribute('data-shown', String(total / 5));
    await page.getByTestId('label-filter').fill('shard in (3');
    await expect(page.getByTestId('label-filter')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('label-filter')).toHaveAccessibleDescription(/^Label selector: /);
  });

  test('follows kubectl creating and deleting a ConfigMap', async ({ page }) => {
    await creating;
    await openNamespace(page);
    const count = page.getByTestId('resource-count');
    await page.getByTestId('name-filter').fill('live-');
    await expect(page.getByText('No configmaps match the filter')).toBeVisible();
    const before = Number(await count.getAttribute('data-total'));
    expect(before).toBeGreaterThanOrEqual(total);

    await kubectl('create', 'configmap', 'live-one', '-n', namespace, '--from-literal=a=b');
    await expect(page.getByTestId('resource-name')).toHaveText(['live-one']);
    await expect(count).toHaveAttribute('data-total', String(before + 1));

    await kubectl('delete', 'configmap', 'live-one', '-n', namespace);
    await expect(page.getByTestId('resource-name')).toHaveCount(0);
    await expect(count).toHaveAttribute('data-total', String(before));
  });
});
