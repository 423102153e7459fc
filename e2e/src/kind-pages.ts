import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Presses Tab (keyboard only) until `target` has the focus, at most `max` times; fails saying how far
 * it got otherwise.
 *
 * @example
 * await tabTo(page, page.getByRole('button', { name: 'Scale', exact: true }));
 */
export async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el.matches(':focus')).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  const focused = await page.evaluate<string | undefined>('document.activeElement?.outerHTML.slice(0, 120)');
  throw new Error(`${max} presses of Tab never reached ${target}; the focus is on ${focused}`);
}

/** The names of the pods in a kind page's live pods table (`<testId>-row` rows). */
export async function podNames(page: Page, testId: string): Promise<string[]> {
  return page.getByTestId(`${testId}-row`).getByRole('link').allTextContents();
}

/** Waits until the pods table lists `count` pods, all Running, none of them named in `not`. */
export async function expectRunningPods(page: Page, testId: string, count: number, not: string[] = []) {
  await expect(async () => {
    const rows = page.getByTestId(`${testId}-row`);
    expect(await rows.count()).toBe(count);
    const names = await podNames(page, testId);
    expect(names.filter((n) => not.includes(n))).toEqual([]);
    for (const row of await rows.all()) await expect(row).toContainText('Running', { timeout: 100 });
  }).toPass({ timeout: 60_000, intervals: [500] });
}
