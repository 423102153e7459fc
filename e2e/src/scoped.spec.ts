import { expect, type Page, test } from '@playwright/test';
import { kubectl } from './editor-pages.ts';
import { type E2eEnvironment, e2eEnvironment } from './environment.ts';
import { clusterPage, collectProblems } from './shell-pages.ts';

// A person who may work only in namespace `team-a` (the test cluster's `team-a` user: a token user bound
// to ClusterRole `edit` by a RoleBinding in `team-a`, nothing cluster-wide; its kubeconfig context names
// `team-a` as its namespace) gets pages scoped to what they may list, never a raw 403.

let env: E2eEnvironment;
const pod = `scoped-${Date.now().toString(36)}`;

/** Words of a raw Kubernetes 403 that must never reach the person. */
async function expectNoRaw403(page: Page) {
  await expect(page.locator('body')).not.toContainText(/\b403\b|Forbidden|forbidden:|User "team-a" cannot/, {
    useInnerText: true,
  });
}

/** Picks "Other namespace…" in the picker and types `namespace`. */
async function typeNamespace(page: Page, namespace: string) {
  await page.getByLabel('Namespace', { exact: true }).selectOption({ label: 'Other namespace…' });
  const other = page.getByLabel('Other namespace', { exact: true });
  await other.fill(namespace);
  await other.press('Enter');
}

test.describe('a person who may use only namespace team-a', () => {
  test.beforeAll(async () => {
    env = e2eEnvironment();
    await kubectl(
      env,
      'run',
      pod,
      '-n',
      'team-a',
      '--image=busybox',
      '--restart=Never',
      '--command',
      '--',
      'sleep',
      '3600',
    );
  });

  test.afterAll(async () => {
    await kubectl(env, 'delete', 'pod', pod, '-n', 'team-a', '--wait=false').catch(() => '');
  });

  test('the Pods page starts in team-a, lists its pods, and the picker offers only team-a', async ({
    page,
  }) => {
    const problems = collectProblems(page);
    await page.goto(clusterPage(env.baseURL, env.contexts['team-a'], 'r/core/v1/pods'));
    const picker = page.getByLabel('Namespace', { exact: true });
    await expect(picker).toHaveValue('team-a');
    await expect(page.getByRole('link', { name: pod })).toBeVisible();
    // Only what team-a may use (and a way to type another), never namespaces it can't list in.
    await expect(picker.getByRole('option')).toHaveText(['team-a', 'Other namespace…']);
    await expectNoRaw403(page);
    expect(problems.filter((p) => p.includes('page error'))).toEqual([]);
  });

  test("the Secrets page in default says it can't list Secrets there and offers team-a", async ({ page }) => {
    await page.goto(clusterPage(env.baseURL, env.contexts['team-a'], 'r/core/v1/secrets'));
    await expect(page.getByLabel('Namespace', { exact: true })).toHaveValue('team-a');
    await typeNamespace(page, 'default');
    await expect(
      page.getByRole('heading', { name: "You can't list Secrets in namespace default" }),
    ).toBeVisible();
    await expectNoRaw403(page);
    const useTeamA = page.getByRole('button', { name: 'team-a', exact: true });
    await expect(useTeamA).toBeVisible();
    await useTeamA.click();
    await expect(page.getByLabel('Namespace', { exact: true })).toHaveValue('team-a');
    // team-a's own secrets (its default ServiceAccount's token) are listed there.
    await expect(page.getByRole('link', { name: /^default-token-/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: /You can't list/ })).toHaveCount(0);
  });

  test("a namespace in the URL that team-a can't list says so too", async ({ page }) => {
    await page.goto(
      `${clusterPage(env.baseURL, env.contexts['team-a'], 'r/core/v1/configmaps')}?namespace=kube-system`,
    );
    await expect(
      page.getByRole('heading', { name: "You can't list ConfigMaps in namespace kube-system" }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'team-a', exact: true })).toBeVisible();
    await expectNoRaw403(page);
  });

  test("an object's page in a namespace team-a can't see says so", async ({ page }) => {
    await page.goto(clusterPage(env.baseURL, env.contexts['team-a'], 'r/core/v1/secrets/default/anything'));
    await expect(
      page.getByRole('heading', { name: "You can't see Secret anything in namespace default" }),
    ).toBeVisible();
    await expectNoRaw403(page);
    await page.getByRole('link', { name: 'Back to the list' }).click();
    await expect(page.getByLabel('Namespace', { exact: true })).toHaveValue('team-a');
  });

  test('a typed or linked namespace that is not a namespace name is refused, not requested', async ({
    page,
  }) => {
    const hostile = encodeURIComponent('../../api/v1/secrets?x=<img src=x onerror=alert(1)>');
    await page.goto(
      `${clusterPage(env.baseURL, env.contexts['team-a'], 'r/core/v1/pods')}?namespace=${hostile}`,
    );
    const picker = page.getByLabel('Namespace', { exact: true });
    await expect(picker).toHaveValue('team-a');
    await expect(page.getByRole('link', { name: pod })).toBeVisible();
    await picker.selectOption({ label: 'Other namespace…' });
    const other = page.getByLabel('Other namespace', { exact: true });
    await other.fill('../kube-system');
    await other.press('Enter');
    await expect(other).toHaveAttribute('aria-invalid', 'true');
    await expect(other).toHaveAccessibleDescription(/"..\/kube-system" is not a namespace name/);
    await other.press('Escape');
    await expect(picker).toHaveValue('team-a');
    await expect(page.getByRole('link', { name: pod })).toBeVisible();
  });

  test("a cluster-scoped kind says it can't be listed cluster-wide", async ({ page }) => {
    await page.goto(clusterPage(env.baseURL, env.contexts['team-a'], 'r/core/v1/nodes'));
    await expect(page.getByRole('heading', { name: "You can't list Nodes cluster-wide" })).toBeVisible();
    await expectNoRaw403(page);
  });

  test('someone who may list namespaces but not Secrets (ClusterRole view) is offered no namespace for them', async ({
    page,
  }) => {
    await page.goto(clusterPage(env.baseURL, env.contexts.viewer, 'r/core/v1/secrets'));
    await expect(
      page.getByRole('heading', { name: "You can't list Secrets in all namespaces" }),
    ).toBeVisible();
    // Every namespace is checked (one access review each), and none allows Secrets.
    await expect(
      page.getByText('No namespace where you may list Secrets was found', { exact: false }),
    ).toBeVisible();
    await expect(page.getByRole('list', { name: 'Namespaces where you can:' })).toHaveCount(0);
    // The picker still offers every namespace (viewer may list them), All namespaces included.
    const picker = page.getByLabel('Namespace', { exact: true });
    await expect(picker.getByRole('option', { name: 'All namespaces' })).toHaveCount(1);
    await expect(picker.getByRole('option', { name: 'kube-system' })).toHaveCount(1);
    await expectNoRaw403(page);
  });

  test('the cluster overview works for team-a', async ({ page }) => {
    await page.goto(clusterPage(env.baseURL, env.contexts['team-a']));
    await expect(page.getByRole('heading', { name: 'Clusters' })).toBeVisible();
    await expect(
      page.getByTestId('cluster').filter({ hasText: env.contexts['team-a'] }).getByTestId('cluster-error'),
    ).toHaveCount(0);
    await page.goto(clusterPage(env.baseURL, env.contexts['team-a'], 'r'));
    await expect(page.getByRole('link', { name: 'Pod', exact: true }).first()).toBeVisible();
    await expectNoRaw403(page);
  });

  test("the CronJobs plugin says the same in a namespace team-a can't list", async ({ page }) => {
    await page.goto(`${env.productURL}/c/${encodeURIComponent(env.contexts['team-a'])}/cronjobs`);
    const picker = page.getByLabel('Namespace', { exact: true });
    await expect(picker).toHaveValue('team-a');
    await expect(picker.getByRole('option')).toHaveText(['team-a', 'Other namespace…']);
    await typeNamespace(page, 'default');
    await expect(
      page.getByRole('heading', { name: "You can't list CronJobs in namespace default" }),
    ).toBeVisible();
    await expectNoRaw403(page);
    await page.getByRole('button', { name: 'team-a', exact: true }).click();
    await expect(picker).toHaveValue('team-a');
    await expect(page.getByRole('heading', { name: /You can't list/ })).toHaveCount(0);
  });

  test("Create from YAML starts in team-a's namespace and says which creates team-a can't do", async ({
    page,
  }) => {
    const name = `scoped-cm-${Date.now().toString(36)}`;
    await page.goto(`${env.productURL}/c/${encodeURIComponent(env.contexts['team-a'])}/create`);
    await expect(page.getByLabel('Namespace for objects without one')).toHaveValue('team-a');
    const doc = (namespace?: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}data:\n  a: "1"\n`;
    await page.getByLabel('YAML to create').fill([doc(), doc('default')].join('---\n'));
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page.getByRole('list', { name: 'Results' }).getByRole('listitem')).toHaveText([
      `ConfigMap team-a/${name}: created`,
      `ConfigMap default/${name}: failed: You can't create ConfigMaps in namespace default`,
    ]);
    await expectNoRaw403(page);
    await kubectl(env, 'delete', 'configmap', name, '-n', 'team-a');
  });
});
