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
});
