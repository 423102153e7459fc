import type { Page } from '@playwright/test';

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

/** Clicks a navigation entry (an in-app navigation: same document, no reload). */
export async function navigateTo(page: Page, title: string): Promise<void> {
  await page.getByTestId('nav').getByRole('link', { name: title, exact: true }).click();
}
