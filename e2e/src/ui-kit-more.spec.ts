import { expect, type Page, test } from '@playwright/test';
import { e2eEnvironment } from './environment.ts';

// @porthole/ui in Chromium, continued: menu, form fields, time, code and panes.

async function openGallery(page: Page): Promise<void> {
  await page.goto(`${e2eEnvironment().baseURL}/ui-gallery`);
  await expect(page.getByRole('heading', { name: 'Component gallery' })).toBeVisible();
}

test.describe('@porthole/ui', () => {
  test('Menu: opens on Enter at the first item, arrows wrap, Escape returns to the button', async ({
    page,
  }) => {
    await openGallery(page);
    const button = page.getByRole('button', { name: 'Actions' });
    await expect(button).toHaveAttribute('aria-haspopup', 'menu');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await button.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Actions' });
    await expect(menu).toBeVisible();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(menu.getByRole('menuitem', { name: 'Restart' })).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(menu.getByRole('menuitem', { name: 'Delete' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Restart' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(button).toBeFocused();
    // ArrowDown opens it too; Enter chooses; a disabled item stays and does nothing.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Scale' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('menu-choice')).toHaveText('Chose Scale');
    await expect(menu).toBeHidden();
    await button.click();
    await expect(menu.getByRole('menuitem', { name: 'Drain' })).toHaveAttribute('aria-disabled', 'true');
    await menu.getByRole('menuitem', { name: 'Drain' }).click({ force: true });
    await expect(page.getByTestId('menu-choice')).toHaveText('Chose Scale');
    // A click outside closes it.
    await page.getByRole('heading', { name: 'Component gallery' }).click();
    await expect(menu).toBeHidden();
  });

  test('form fields: labelled, and an error marks the control invalid and describes it', async ({ page }) => {
    await openGallery(page);
    const name = page.getByLabel('Name', { exact: true });
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(name).toHaveAccessibleDescription('A name is required');
    await name.fill('web');
    await expect(name).not.toHaveAttribute('aria-invalid');
    await expect(page.getByText('A name is required')).toHaveCount(0);
    await expect(page.getByLabel('Description')).toHaveAccessibleDescription('Shown in the list');
    await page.getByLabel('Namespace').selectOption('web');
    await expect(page.getByLabel('Namespace')).toHaveValue('web');
    await page.getByText('Follow the logs').click();
    await expect(page.getByRole('checkbox', { name: 'Follow the logs' })).toBeChecked();
  });

  test('TimeAgo says how long ago, with the exact instant', async ({ page }) => {
    await openGallery(page);
    const time = page.locator('time').first();
    await expect(time).toHaveText(/^3m2\ds ago$/);
    expect(Date.parse((await time.getAttribute('datetime')) ?? '')).toBeLessThan(Date.now() - 150_000);
  });

  test('CodeBlock copies its code and says so', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openGallery(page);
    const copy = page.getByRole('button', { name: 'Copy kubectl command' });
    await copy.click();
    await expect(copy).toHaveText('Copied');
    await expect(page.getByRole('status').filter({ hasText: 'Copied to the clipboard' })).toBeAttached();
    expect(
      await page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
      ),
    ).toBe('kubectl -n default get pod web-1 -o yaml');
  });

  test('SplitPane: the separator is focusable and resizes with the arrow keys, Home and End', async ({
    page,
  }) => {
    await openGallery(page);
    const separator = page.getByRole('separator', { name: 'Resize the demo panes' });
    await expect(separator).toHaveAttribute('aria-valuenow', '50');
    await separator.focus();
    await page.keyboard.press('ArrowRight');
    await expect(separator).toHaveAttribute('aria-valuenow', '55');
    await expect(page.getByText('Left pane (55%)')).toBeVisible();
    await page.keyboard.press('Home');
    await expect(separator).toHaveAttribute('aria-valuenow', '10');
    await page.keyboard.press('End');
    await expect(separator).toHaveAttribute('aria-valuenow', '90');
    // Dragging moves it too.
    const box = await separator.boundingBox();
    if (!box) throw new Error('the separator has no box');
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x - 200, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    expect(Number(await separator.getAttribute('aria-valuenow'))).toBeLessThan(90);
  });

  test('NamespaceSelect and ForbiddenState: another namespace is typed, a refusal offers the usable ones', async ({
    page,
  }) => {
    await openGallery(page);
    const access = page.getByRole('region', { name: 'Access' });
    const picker = access.getByLabel('Project', { exact: true });
    // Someone who may not list namespaces: no "All", the usable ones and a way to type another.
    await expect(picker.getByRole('option')).toHaveText(['team-a', 'team-b', 'Other project…']);
    await picker.selectOption({ label: 'Other project…' });
    const other = access.getByLabel('Other project', { exact: true });
    await expect(other).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(other).toBeHidden();
    await expect(picker).toHaveValue('team-a');
    await picker.selectOption({ label: 'Other project…' });
    await page.keyboard.type('kube-system');
    await page.keyboard.press('Enter');
    await expect(picker).toHaveValue('kube-system');
    await expect(
      access.getByRole('heading', { name: "You can't list Secrets in namespace kube-system" }),
    ).toBeVisible();
    await expect(access.getByRole('heading', { name: "You can't list Nodes cluster-wide" })).toBeVisible();
    const offered = access.getByRole('list', { name: 'Namespaces where you can:' });
    await expect(offered.getByRole('button')).toHaveText(['team-a', 'team-b']);
    await offered.getByRole('button', { name: 'team-b' }).click();
    await expect(access.getByTestId('access-demo-shown')).toHaveText('Showing the Secrets of team-b');
    await expect(picker).toHaveValue('team-b');
  });
});
