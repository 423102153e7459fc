import { execFile } from 'node:child_process';
import { rename, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { expect, type Page } from '@playwright/test';

const run = promisify(execFile);

/** One context of a test kubeconfig file: which cluster and user entries it names. */
export interface TestContext {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
}

/** Extra cluster and user entries of a test kubeconfig file. */
export interface TestEntries {
  clusters?: { name: string; server: string }[];
  users?: { name: string; token: string }[];
  current?: string;
}

/** Kubeconfig text defining these contexts (clusters and users may come from another file of the list). */
export function kubeconfigText(contexts: readonly TestContext[], entries: TestEntries = {}): string {
  const list = (items: string[]) => (items.length > 0 ? `\n${items.join('\n')}` : ' []');
  return `apiVersion: v1
kind: Config
${entries.current ? `current-context: ${entries.current}\n` : ''}clusters:${list(
    (entries.clusters ?? []).map((c) => `- name: ${c.name}\n  cluster: { server: '${c.server}' }`),
  )}
users:${list((entries.users ?? []).map((u) => `- name: ${u.name}\n  user: { token: ${u.token} }`))}
contexts:${list(
    contexts.map(
      (c) =>
        `- name: ${c.name}\n  context: { cluster: ${c.cluster}, user: ${c.user}, namespace: ${c.namespace ?? 'default'} }`,
    ),
  )}
`;
}

/** Saves like an editor that writes a temporary file and renames it over the original. */
export async function saveByRename(path: string, text: string): Promise<void> {
  await writeFile(`${path}.swp`, text);
  await rename(`${path}.swp`, path);
}

/** kubectl's merged view of these files: the oracle of the context list. */
export async function kubectlContexts(paths: readonly string[]): Promise<string[]> {
  const { stdout } = await run('/usr/bin/kubectl', ['config', 'view', '--merge', '-o', 'json'], {
    env: { PATH: process.env.PATH, HOME: '/nonexistent', KUBECONFIG: paths.join(':') },
  });
  const view = JSON.parse(stdout) as { contexts?: { name: string }[] | null };
  return (view.contexts ?? []).map((c) => c.name).sort();
}

/** The context names the contexts page's table shows (each name is a link to its cluster). */
export async function shownContexts(page: Page): Promise<string[]> {
  const names = await page.getByRole('table', { name: 'Contexts' }).getByRole('link').allTextContents();
  return names.sort();
}

/** Waits until `check` holds, polling; resolves with the milliseconds it took. */
export async function timed(what: string, check: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await expect(check).toPass({ timeout: 10_000, intervals: [10, 20, 50] });
  const ms = Math.round(performance.now() - start);
  console.log(`contexts e2e: ${what}: ${ms} ms`);
  return ms;
}

/** `porthole_mux_subscriptions{kind}` from a backend's `/metrics`. */
export async function subscriptions(baseURL: string, kind: string): Promise<number> {
  const text = await (await fetch(`${baseURL}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`porthole_mux_subscriptions{kind="${kind}"}`));
  return Number(line?.split(' ').at(-1) ?? Number.NaN);
}
