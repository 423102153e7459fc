import { expect, test } from '@playwright/test';
import { seriousViolations } from './axe.ts';
import { e2eEnvironment } from './environment.ts';

// axe-core in Chromium on the kit's gallery (every component), in both themes, with a dialog open too:
// no serious or critical violations.

for (const theme of ['light', 'dark'] as const) {
  test(`the gallery has no serious or critical axe violations in the ${theme} theme`, async ({ page }) => {
    // Three full-page axe runs: seconds each on a loaded 2-core machine.
    test.setTimeout(120_000);
    await page.goto(`${e2eEnvironment().baseURL}/ui-gallery?theme=${theme}`);
    await expect(page.getByRole('heading', { name: 'Component gallery' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    // A tooltip, a toast and an error field on screen too.
    await page.getByRole('button', { name: 'Show a failure' }).click();
    await page.getByRole('button', { name: 'Logs' }).focus();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Actions' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Delete pod web-1' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
