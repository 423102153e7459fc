import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, type Locator, type Page } from '@playwright/test';
import { createKubeClient, type KubeClient } from '@porthole/testcluster';
import type { E2eEnvironment } from './environment.ts';

const run = promisify(execFile);

/** kubectl (1.32) as the admin of the e2e cluster: the other writer the editor must never overwrite. */
export async function kubectl(env: E2eEnvironment, ...args: string[]): Promise<string> {
  const { stdout } = await run('/usr/bin/kubectl', [
    '--kubeconfig',
    env.kubeconfigPath,
    '--context',
    env.contexts.admin,
    ...args,
  ]);
  return stdout;
}

/** A client of the e2e cluster as its admin (the CA read from the kubeconfig with kubectl). */
export async function adminKubeClient(env: E2eEnvironment): Promise<KubeClient> {
  const ca = await kubectl(
    env,
    'config',
    'view',
    '--raw',
    '--minify',
    '-o',
    'jsonpath={.clusters[0].cluster.certificate-authority-data}',
  );
  return createKubeClient({
    server: env.server,
    caPem: Buffer.from(ca, 'base64').toString(),
    token: env.tokens.admin,
  });
}

/** `kubectl get -o json` of one object. */
export async function kubectlJson<T = { metadata: Record<string, unknown>; data?: Record<string, string> }>(
  env: E2eEnvironment,
  ...args: string[]
): Promise<T> {
  return JSON.parse(await kubectl(env, 'get', ...args, '-o', 'json')) as T;
}

/** A detail page on the product backend (built-in registry: the editor plugin). */
export function detailURL(
  env: E2eEnvironment,
  ref: {
    cluster?: string;
    group?: string;
    version?: string;
    resource: string;
    namespace: string;
    name: string;
  },
): string {
  const cluster = encodeURIComponent(ref.cluster ?? env.contexts.admin);
  return `${env.productURL}/c/${cluster}/r/${ref.group || 'core'}/${ref.version ?? 'v1'}/${ref.resource}/${ref.namespace}/${ref.name}`;
}

/** The editor's text area (CodeMirror's content, labelled `YAML of KIND NAME`). */
export function editorBox(page: Page): Locator {
  return page.getByRole('textbox', { name: /^YAML of / });
}

/** Clicks `Edit YAML` and waits for the editor. */
export async function openEditor(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Edit YAML' }).click();
  const box = editorBox(page);
  await expect(box).toBeVisible();
  return box;
}

/** The editor's whole text. */
export async function editorText(page: Page): Promise<string> {
  return editorBox(page).evaluate((el) =>
    [...el.querySelectorAll('.cm-line')].map((line) => line.textContent ?? '').join('\n'),
  );
}

/** Replaces the editor's text as a person would (select all, then type it in one go). */
export async function setEditorText(page: Page, text: string): Promise<void> {
  const box = editorBox(page);
  await box.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

/** Changes the editor's text with `edit`, checking that it changed something. */
export async function editText(page: Page, edit: (text: string) => string): Promise<void> {
  const before = await editorText(page);
  const after = edit(before);
  expect(after).not.toBe(before);
  await setEditorText(page, after);
}

/** The texts of the editor's drafts in the page's IndexedDB (`porthole-editor`/`drafts`), none before the first. */
export async function draftTexts(page: Page): Promise<string[]> {
  // A string: e2e is typed for Node, and this runs in the page.
  return page.evaluate<string[]>(`new Promise((resolve, reject) => {
    const open = indexedDB.open('porthole-editor');
    // Not there yet: create nothing (the editor creates it, with its store, on its first draft).
    open.onupgradeneeded = () => open.transaction.abort();
    open.onerror = () => (open.error?.name === 'AbortError' ? resolve([]) : reject(open.error));
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('drafts')) {
        db.close();
        return resolve([]);
      }
      const all = db.transaction('drafts', 'readonly').objectStore('drafts').getAll();
      all.onerror = () => reject(all.error);
      all.onsuccess = () => {
        db.close();
        resolve(all.result.map((d) => d.text));
      };
    };
  })`);
}
