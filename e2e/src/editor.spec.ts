import { expect, test } from '@playwright/test';
import {
  detailURL,
  draftTexts,
  editorBox,
  editorText,
  editText,
  kubectl,
  kubectlJson,
  openEditor,
} from './editor-pages.ts';
import { type E2eEnvironment, e2eEnvironment } from './environment.ts';

const namespace = `editor-e2e-${Date.now().toString(36)}`;
let env: E2eEnvironment;

async function configMap(name: string, data: Record<string, string>): Promise<void> {
  await kubectl(
    env,
    'create',
    'configmap',
    name,
    '-n',
    namespace,
    ...Object.entries(data).map(([k, v]) => `--from-literal=${k}=${v}`),
  );
}
const cmURL = (name: string, cluster?: string) =>
  detailURL(env, { resource: 'configmaps', namespace, name, ...(cluster ? { cluster } : {}) });
const patchData = (name: string, data: Record<string, string>) =>
  kubectl(env, 'patch', 'configmap', name, '-n', namespace, '--type=merge', '-p', JSON.stringify({ data }));

test.describe('the editor plugin (issue 10), against the real cluster with kubectl as the other writer', () => {
  test.beforeAll(async () => {
    env = e2eEnvironment();
    await kubectl(env, 'create', 'namespace', namespace);
  });
  test.afterAll(async () => {
    await kubectl(env, 'delete', 'namespace', namespace, '--wait=false');
  });

  test('1: disjoint edits are merged without asking: the cluster has both, and a note names what was merged from whom', async ({
    page,
  }) => {
    await configMap('disjoint', { a: 'base', b: 'base' });
    await page.goto(cmURL('disjoint'));
    await openEditor(page);
    await editText(page, (t) => t.replace('a: base', 'a: mine'));
    await patchData('disjoint', { b: 'theirs' });
    await expect(
      page.getByRole('status').filter({ hasText: 'Changed on the server by kubectl-patch' }),
    ).toContainText('data.b');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved ConfigMap' })).toContainText(
      /Merged the change kubectl-patch \(\d\d:\d\d:\d\d UTC\) made meanwhile to data\.b/,
    );
    await expect(page.getByRole('heading', { name: /Conflict/ })).toHaveCount(0);
    expect((await kubectlJson(env, 'configmap', 'disjoint', '-n', namespace)).data).toEqual({
      a: 'mine',
      b: 'theirs',
    });
  });

  test('a change on the server shows a banner (who, which fields) without touching the text; Show changes, Rebase now and Review changes', async ({
    page,
  }) => {
    await configMap('banner', { a: 'base', b: 'base' });
    await page.goto(cmURL('banner'));
    await openEditor(page);
    await editText(page, (t) => t.replace('a: base', 'a: mine'));
    await patchData('banner', { b: 'theirs' });
    const banner = page.getByRole('status').filter({ hasText: 'Changed on the server by kubectl-patch' });
    await expect(banner).toContainText('data.b');
    expect(await editorText(page)).toContain('b: base');
    await banner.getByRole('button', { name: 'Show changes' }).click();
    await expect(page.getByRole('textbox', { name: 'On the server now' })).toContainText('b: theirs');
    await page.getByRole('button', { name: 'Close diff' }).click();
    await banner.getByRole('button', { name: 'Rebase now' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Rebased onto the change kubectl-patch' }),
    ).toBeVisible();
    await expect(banner).toHaveCount(0);
    const text = await editorText(page);
    expect(text).toContain('a: mine');
    expect(text).toContain('b: theirs');
    await page.getByRole('button', { name: 'Review changes' }).click();
    await expect(page.getByRole('textbox', { name: 'Your edit' })).toContainText('a: mine');
    await expect(page.getByRole('textbox', { name: 'Live object (when you started)' })).toContainText(
      'a: base',
    );
    expect((await kubectlJson(env, 'configmap', 'banner', '-n', namespace)).data).toEqual({
      a: 'base',
      b: 'theirs',
    });
  });

  test('2: overlapping edits open the conflict view with base, theirs and mine; nothing is written until "Keep mine" is saved', async ({
    page,
  }) => {
    await configMap('overlap', { a: 'base', c: 'base' });
    await page.goto(cmURL('overlap'));
    await openEditor(page);
    await editText(page, (t) => t.replace('a: base', 'a: mine'));
    await patchData('overlap', { a: 'theirs' });
    await page.keyboard.press('ControlOrMeta+s');
    const conflict = page.getByRole('dialog', { name: /Conflict/ });
    await expect(conflict.getByRole('heading', { name: /Conflict: kubectl-patch/ })).toBeVisible();
    const row = conflict.getByRole('row', { name: /data\.a/ });
    await expect(row.getByRole('cell')).toHaveText([
      'data.a',
      'base',
      'theirs',
      'mine',
      /Take theirs\s*Keep mine/,
    ]);
    await expect(conflict.getByRole('button', { name: 'Overwrite' })).toBeVisible();
    await expect(conflict).toContainText(
      'Overwrite replaces the stored object with your edit as it is, discarding kubectl-patch',
    );
    expect((await kubectlJson(env, 'configmap', 'overlap', '-n', namespace)).data?.a).toBe('theirs');
    await expect(conflict.getByRole('button', { name: 'Save resolution' })).toBeDisabled();
    await row.getByRole('button', { name: 'Keep mine' }).click();
    await conflict.getByRole('button', { name: 'Save resolution' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved ConfigMap' })).toBeVisible();
    await expect(conflict).toHaveCount(0);
    expect((await kubectlJson(env, 'configmap', 'overlap', '-n', namespace)).data).toEqual({
      a: 'mine',
      c: 'base',
    });
  });

  test('3: a detail page left open while kubectl changes the object five times, then Edit YAML, add a label, Save keeps every change', async ({
    page,
  }) => {
    await configMap('field-report', { n: '0' });
    await page.goto(cmURL('field-report'));
    await expect(page.getByRole('button', { name: 'Edit YAML' })).toBeVisible();
    for (let i = 1; i <= 5; i++) await patchData('field-report', { n: String(i), [`k${i}`]: `v${i}` });
    await page.getByRole('tab', { name: 'YAML' }).click();
    await expect(page.getByRole('region', { name: 'YAML' })).toContainText('k5: v5');
    await openEditor(page);
    await expect.poll(() => editorText(page)).toContain('k5: v5');
    await editText(page, (t) => t.replace('metadata:\n', 'metadata:\n  labels:\n    edited-by: porthole\n'));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved ConfigMap' })).toBeVisible();
    const stored = await kubectlJson(env, 'configmap', 'field-report', '-n', namespace);
    expect(stored.metadata.labels).toEqual({ 'edited-by': 'porthole' });
    expect(stored.data).toEqual({ n: '5', k1: 'v1', k2: 'v2', k3: 'v3', k4: 'v4', k5: 'v5' });
  });

  test("4: Dry run of an invalid Deployment pins the API server's message to the line; nothing is written; syntax and identity errors are caught first", async ({
    page,
  }) => {
    await kubectl(env, 'create', 'deployment', 'dry', '-n', namespace, '--image=nginx');
    type Deployment = {
      metadata: { generation: number };
      spec: { template: { spec: { containers: { name: string }[] } } };
    };
    const before = await kubectlJson<Deployment>(env, 'deployment', 'dry', '-n', namespace);
    await page.goto(detailURL(env, { group: 'apps', resource: 'deployments', namespace, name: 'dry' }));
    await openEditor(page);
    await editText(page, (t) =>
      t.replace(/^ {8}- name: nginx\n {10}image: nginx\n/m, '        - image: nginx\n'),
    );
    const text = await editorText(page);
    const containerLine = text.split('\n').findIndex((l) => /^ {8}- image: nginx/.test(l)) + 1;
    expect(containerLine).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Dry run' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Dry run failed: Invalid (422)');
    await expect(alert.getByRole('listitem')).toContainText(
      `Line ${containerLine}: spec.template.spec.containers[0].name: Required value`,
    );
    // Nothing written: the spec (its generation, the container's name) is as before; only the controller's status moves.
    const after = await kubectlJson<Deployment>(env, 'deployment', 'dry', '-n', namespace);
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(after.spec.template.spec.containers[0]?.name).toBe('nginx');

    await editText(page, (t) => t.replace('replicas: 1', 'replicas: [1'));
    await page.getByRole('button', { name: 'Dry run' }).click();
    await expect(page.getByRole('alert')).toContainText(/YAML error at line \d+, column \d+/);
    await editText(page, (t) =>
      t.replace('replicas: [1', 'replicas: 1').replace('name: dry\n', 'name: renamed\n'),
    );
    await page.getByRole('button', { name: 'Dry run' }).click();
    await expect(page.getByRole('alert')).toContainText('metadata.name changed from "dry" to "renamed"');
  });

  test('5: the read-only viewer gets a read-only editor that says why', async ({ page }) => {
    await configMap('viewer-sees', { a: '1' });
    await page.goto(cmURL('viewer-sees', env.contexts.viewer));
    const box = await openEditor(page);
    await expect(page.getByRole('status').filter({ hasText: 'Read-only' })).toHaveText(
      `Read-only: you may not update configmaps in namespace ${namespace}.`,
    );
    await expect(box).toHaveAttribute('contenteditable', 'false');
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  });

  test('6: a draft survives a page reload, is restored, and saves', async ({ page }) => {
    await configMap('drafted', { a: 'stored' });
    await page.goto(cmURL('drafted'));
    await openEditor(page);
    await editText(page, (t) => t.replace('a: stored', 'a: drafted-value'));
    // The draft is written 400 ms after the last keystroke: wait until it is in IndexedDB, not for a time.
    await expect
      .poll(() => draftTexts(page), { timeout: 15_000 })
      .toContainEqual(expect.stringContaining('a: drafted-value'));
    await page.reload();
    await openEditor(page);
    await expect.poll(() => editorText(page)).toContain('a: stored');
    await page.getByRole('button', { name: 'Restore draft' }).click();
    await expect.poll(() => editorText(page)).toContain('a: drafted-value');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved ConfigMap' })).toBeVisible();
    expect((await kubectlJson(env, 'configmap', 'drafted', '-n', namespace)).data).toEqual({
      a: 'drafted-value',
    });
    await page.reload();
    await openEditor(page);
    await expect(page.getByRole('button', { name: 'Restore draft' })).toHaveCount(0);
    await expect(editorBox(page)).toBeVisible();
  });

  test("8: schema help from the cluster's OpenAPI: an unknown field in a Deployment is flagged before saving; completion offers replicas under spec", async ({
    page,
  }) => {
    await kubectl(env, 'create', 'deployment', 'schema', '-n', namespace, '--image=nginx');
    await page.goto(detailURL(env, { group: 'apps', resource: 'deployments', namespace, name: 'schema' }));
    await openEditor(page);
    await expect(
      page.getByRole('status').filter({ hasText: "Checked against the cluster's schema of Deployment" }),
    ).toBeVisible();
    await editText(page, (t) => t.replace(/^spec:\n/m, 'spec:\n  replicaz: 2\n'));
    await expect(page.getByRole('status').filter({ hasText: 'Schema of Deployment' })).toHaveText(
      'Schema of Deployment: 1 problem (spec.replicaz: unknown field "replicaz" in DeploymentSpec)',
    );
    const before = await kubectlJson<{ spec: Record<string, unknown> }>(
      env,
      'deployment',
      'schema',
      '-n',
      namespace,
    );
    expect(before.spec).not.toHaveProperty('replicaz');

    await editText(page, (t) => t.replace('  replicaz: 2\n', '  rep\n'));
    // Put the cursor at the end of the half-typed key, as a person would, and type one more letter.
    const line = (await editorText(page)).split('\n').indexOf('  rep');
    await page.keyboard.press('ControlOrMeta+Home');
    for (let i = 0; i < line; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.type('l');
    const completions = page.getByRole('listbox', { name: 'Completions' });
    await expect(completions.getByRole('option', { name: /^replicas/ })).toBeVisible();
    await expect(completions.getByRole('option', { name: /^replicas/ })).toContainText('integer');
  });

  test('Secrets: values stay base64 until the decoded view is asked for; an edit in it is saved encoded; no drafts', async ({
    page,
  }) => {
    await kubectl(
      env,
      'create',
      'secret',
      'generic',
      'creds',
      '-n',
      namespace,
      '--from-literal=password=hunter2',
    );
    await page.goto(detailURL(env, { resource: 'secrets', namespace, name: 'creds' }));
    await openEditor(page);
    await expect.poll(() => editorText(page)).toContain(`password: ${btoa('hunter2')}`);
    await expect(page.getByText('Secrets get no drafts')).toBeVisible();
    await page.getByLabel('Show decoded values').check();
    await expect.poll(() => editorText(page)).toContain('password: hunter2');
    await editText(page, (t) => t.replace('password: hunter2', 'password: changed'));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved Secret' })).toBeVisible();
    const stored = await kubectlJson(env, 'secret', 'creds', '-n', namespace);
    expect(stored.data).toEqual({ password: btoa('changed') });
    await expect.poll(() => editorText(page)).toContain(`password: ${btoa('changed')}`);
    await expect(page.getByLabel('Show decoded values')).not.toBeChecked();
  });

  test('Apply (server-side apply as "porthole"): a field another manager owns is a conflict naming it; Force apply takes it over', async ({
    page,
  }) => {
    await configMap('applied', { a: 'kubectl' });
    await page.goto(cmURL('applied'));
    await openEditor(page);
    await editText(page, (t) => t.replace('a: kubectl', 'a: porthole'));
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Apply conflict' });
    await expect(alert).toContainText('kubectl-create');
    expect((await kubectlJson(env, 'configmap', 'applied', '-n', namespace)).data).toEqual({ a: 'kubectl' });
    await alert.getByRole('button', { name: /Force apply/ }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Applied ConfigMap' })).toContainText(
      'field manager "porthole"',
    );
    expect((await kubectlJson(env, 'configmap', 'applied', '-n', namespace)).data).toEqual({ a: 'porthole' });
  });

  test('9: Delete of a ConfigMap asks, names it, deletes with the uid precondition, and the list shows it gone', async ({
    page,
  }) => {
    await configMap('doomed', { a: '1' });
    await configMap('survivor', { a: '1' });
    await page.goto(cmURL('doomed'));
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Delete ConfigMap ${namespace}/doomed?` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('What happens to objects it owns')).toHaveValue('Background');
    await dialog.getByRole('button', { name: 'Delete ConfigMap doomed' }).click();
    await expect(page).toHaveURL(/\/r\/core\/v1\/configmaps$/);
    await page.getByLabel('Namespace').selectOption(namespace);
    await expect(page.getByRole('link', { name: 'survivor', exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'doomed', exact: true })).toHaveCount(0);
    await expect(kubectl(env, 'get', 'configmap', 'doomed', '-n', namespace)).rejects.toThrow(/NotFound/);
  });
});
