import { expect, test } from '@playwright/test';
import { kubectl, kubectlJson } from './editor-pages.ts';
import { type E2eEnvironment, e2eEnvironment } from './environment.ts';

const namespace = `create-e2e-${Date.now().toString(36)}`;
let env: E2eEnvironment;

const configMap = (name: string, extra = '') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}data:\n  a: "1"\n`;

test.describe('Create from YAML (issue 10)', () => {
  test.beforeAll(async () => {
    env = e2eEnvironment();
    await kubectl(env, 'create', 'namespace', namespace);
  });
  test.afterAll(async () => {
    await kubectl(env, 'delete', 'namespace', namespace, '--wait=false');
  });

  test('7: three documents, one invalid: two created, one failed with the reason; Retry after fixing it creates it', async ({
    page,
  }) => {
    await page.goto(`${env.productURL}/c/${encodeURIComponent(env.contexts.admin)}`);
    await page.getByRole('navigation').getByRole('link', { name: 'Create from YAML' }).click();
    await expect(page.getByRole('heading', { name: 'Create from YAML', level: 1 })).toBeVisible();
    await page.getByLabel('Namespace for objects without one').fill(namespace);
    const text = [configMap('first'), configMap('Not_Valid'), configMap('third')].join('---\n');
    await page.getByLabel('YAML to create').fill(text);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const results = page.getByRole('list', { name: 'Results' });
    await expect(results.getByRole('listitem')).toHaveText([
      `ConfigMap ${namespace}/first: created`,
      /^ConfigMap .*Not_Valid: failed: dry run: .*metadata\.name: Invalid value: "Not_Valid"/,
      `ConfigMap ${namespace}/third: created`,
    ]);
    const names = async () =>
      (
        await kubectlJson<{ items: { metadata: { name: string } }[] }>(env, 'configmaps', '-n', namespace)
      ).items
        .map((i) => i.metadata.name)
        .filter((n) => n !== 'kube-root-ca.crt')
        .sort();
    expect(await names()).toEqual(['first', 'third']);

    await page.getByLabel('YAML to create').fill(text.replace('Not_Valid', 'second'));
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(results.getByRole('listitem')).toHaveText([
      `ConfigMap ${namespace}/first: created`,
      `ConfigMap ${namespace}/second: created`,
      `ConfigMap ${namespace}/third: created`,
    ]);
    // Retry sent only the failed document: the others were not created twice (that would have failed with AlreadyExists).
    expect(await names()).toEqual(['first', 'second', 'third']);
  });

  test('a kind: List and a file past 4 MiB: the list items are created, the file is refused with the reason and nothing is read', async ({
    page,
  }) => {
    await page.goto(`${env.productURL}/c/${encodeURIComponent(env.contexts.admin)}/create`);
    await page.getByLabel('Namespace for objects without one').fill(namespace);
    await page.getByLabel('Open a YAML file').setInputFiles({
      name: 'huge.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.alloc(4 * 1024 * 1024 + 1, 'a'),
    });
    await expect(page.getByRole('alert')).toHaveText(
      'huge.yaml is 4.0 MiB; the limit is 4 MiB. Nothing was read.',
    );
    await expect(page.getByLabel('YAML to create')).toHaveValue('');
    const list = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: { name: from-list }\n`;
    await page
      .getByLabel('Open a YAML file')
      .setInputFiles({ name: 'list.yaml', mimeType: 'text/yaml', buffer: Buffer.from(list) });
    await expect(page.getByLabel('YAML to create')).toHaveValue(list);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page.getByRole('list', { name: 'Results' }).getByRole('listitem')).toHaveText([
      `ConfigMap ${namespace}/from-list: created`,
    ]);
    expect((await kubectlJson(env, 'configmap', 'from-list', '-n', namespace)).data).toBeUndefined();
  });
  test("a list page's Create button opens Create from YAML with a starter for the kind in the list's namespace; creating it lists it", async ({
    page,
  }) => {
    const cluster = encodeURIComponent(env.contexts.admin);
    await page.goto(`${env.productURL}/c/${cluster}/r/core/v1/configmaps`);
    await page.getByRole('combobox', { name: 'Namespace' }).selectOption(namespace);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Create from YAML', level: 1 })).toBeVisible();
    const starter = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: new-configmap\n  namespace: ${namespace}\n`;
    await expect(page.getByLabel('YAML to create')).toHaveValue(starter);
    await expect(page.getByLabel('Namespace for objects without one')).toHaveValue(namespace);
    await page.getByLabel('YAML to create').fill(starter.replace('new-configmap', 'from-list-page'));
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page.getByRole('list', { name: 'Results' }).getByRole('listitem')).toHaveText([
      `ConfigMap ${namespace}/from-list-page: created`,
    ]);
    expect(
      (
        await kubectlJson<{ metadata: { namespace: string } }>(
          env,
          'configmap',
          'from-list-page',
          '-n',
          namespace,
        )
      ).metadata.namespace,
    ).toBe(namespace);
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'ConfigMap', level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: 'from-list-page' })).toBeVisible();
  });

  test('hostile values in the Create address are refused, never written into the YAML', async ({ page }) => {
    const query = new URLSearchParams({
      apiVersion: 'v1',
      kind: 'ConfigMap\nmetadata:\n  name: injected',
      namespace: 'kube-system\n  labels: {a: b}',
    });
    await page.goto(`${env.productURL}/c/${encodeURIComponent(env.contexts.admin)}/create?${query}`);
    await expect(page.getByRole('alert')).toHaveText(
      'From the address: the kind in the address is not a valid kind; it was ignored; the namespace in the address is not a valid namespace name; it was ignored.',
    );
    await expect(page.getByLabel('YAML to create')).toHaveValue('');
    await expect(page.getByLabel('Namespace for objects without one')).toHaveValue('default');
  });
});
