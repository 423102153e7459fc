import { type APIRequestContext, expect, type Locator, type Page } from '@playwright/test';

/**
 * `porthole_mux_subscriptions{kind=...}` from the backend's `/metrics`, by kind.
 *
 * @example
 * const { watch } = await muxSubscriptions(env.baseURL);
 */
export async function muxSubscriptions(baseURL: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${baseURL}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(/^porthole_mux_subscriptions\{kind="([a-z]+)"\} (\d+)$/gm)) {
    counts[match[1] as string] = Number(match[2]);
  }
  return counts;
}

/** `/c/{cluster}/{rest}` as the shell writes it. */
export function clusterPage(baseURL: string, cluster: string, rest = ''): string {
  return `${baseURL}/c/${encodeURIComponent(cluster)}${rest ? `/${rest}` : ''}`;
}

/**
 * Collects page errors (uncaught exceptions) and console errors (what the page logs with
 * `console.error`, and the browser's own, e.g. a failed load), to assert that a plugin's failure stayed in
 * its slot.
 */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return problems;
}

/** The error card of `plugin`, wherever it is on the page. */
export function pluginErrorCard(page: Page, plugin: string): Locator {
  return page.locator(`[data-testid="plugin-error"][data-plugin="${plugin}"]`);
}

/** The fixture plugin `hello` keeps working beside a broken one: its page renders and watches ConfigMaps. */
export async function expectHelloStillWorks(page: Page): Promise<void> {
  await navigateTo(page, 'Hello');
  await expect(page.getByRole('heading', { name: 'Hello from a plugin' })).toBeVisible();
  await expect(page.getByTestId('hello-configmaps')).toContainText('ConfigMaps in default');
}

/** Clicks a navigation entry (an in-app navigation: same document, no reload). */
export async function navigateTo(page: Page, title: string): Promise<void> {
  await page.getByTestId('nav').getByRole('link', { name: title, exact: true }).click();
}

/**
 * Creates Pod `name` in `default` through the portal's proxy, as a page would (an image nobody pulls:
 * the kubelet stand-in runs it anyway). `remove()` deletes it with no grace period (the stand-in does not
 * confirm graceful deletions). Both assert that the API server accepted them.
 *
 * @example
 * const pod = await createPodThroughPortal(page.request, backend.url, 'admin@e2e', 'kit-pod');
 * try { ... } finally { await pod.remove(); }
 */
export async function createPodThroughPortal(
  request: APIRequestContext,
  baseURL: string,
  cluster: string,
  name: string,
): Promise<{ remove(): Promise<void> }> {
  const pods = `${baseURL}/clusters/${encodeURIComponent(cluster)}/api/v1/namespaces/default/pods`;
  const headers = { 'X-Porthole-Request': '1' };
  const created = await request.post(pods, {
    headers,
    data: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: { containers: [{ name: 'app', image: 'example.invalid/app:1' }] },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  return {
    async remove() {
      const deleted = await request.delete(`${pods}/${name}?gracePeriodSeconds=0`, { headers });
      expect(deleted.status(), await deleted.text()).toBe(200);
    },
  };
}
