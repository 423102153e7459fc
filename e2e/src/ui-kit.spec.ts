import { expect, type Page, test } from '@playwright/test';
import { e2eEnvironment } from './environment.ts';

// @porthole/ui's behaviour (roles, keyboard, focus) in Chromium, on the shell's gallery page, which renders
// every component of the kit the way the shell and plugins get it (the shared singleton).

async function openGallery(page: Page, query = ''): Promise<void> {
  await page.goto(`${e2eEnvironment().baseURL}/ui-gallery${query}`);
  await expect(page.getByRole('heading', { name: 'Component gallery' })).toBeVisible();
}

const section = (page: Page, name: string) => page.getByRole('region', { name });

test.describe('@porthole/ui', () => {
  test('Button: variants are real buttons; busy and disabled-with-reason stay focusable and say why', async ({
    page,
  }) => {
    await openGallery(page);
    const buttons = section(page, 'Buttons and tooltips');
    await buttons.getByRole('button', { name: 'Save' }).click();
    await expect(buttons.getByTestId('button-clicks')).toHaveText('Clicked 1 times');
    const busy = buttons.getByRole('button', { name: 'Saving' });
    await expect(busy).toHaveAttribute('aria-busy', 'true');
    const blocked = buttons.getByRole('button', { name: 'Delete pod' });
    await expect(blocked).toHaveAttribute('aria-disabled', 'true');
    await expect(blocked).toHaveAccessibleDescription('You may not delete pods in kube-system');
    await blocked.focus();
    await expect(blocked).toBeFocused();
    await expect(
      buttons.getByRole('tooltip', { name: 'You may not delete pods in kube-system' }),
    ).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(buttons.getByRole('tooltip')).toHaveCount(0);
    await expect(buttons.getByRole('button', { name: 'Plainly disabled' })).toBeDisabled();
    // IconButton: its label is its accessible name; Enter on it clicks.
    await buttons.getByRole('button', { name: 'Refresh' }).focus();
    await page.keyboard.press('Enter');
    await expect(buttons.getByTestId('button-clicks')).toHaveText('Clicked 2 times');
  });

  test('Tooltip: describes its trigger and shows on focus', async ({ page }) => {
    await openGallery(page);
    const logs = page.getByRole('button', { name: 'Logs' });
    await expect(logs).toHaveAccessibleDescription("Opens the pod's logs in a new pane");
    await expect(page.getByRole('tooltip', { name: "Opens the pod's logs in a new pane" })).toBeHidden();
    await logs.focus();
    await expect(page.getByRole('tooltip', { name: "Opens the pod's logs in a new pane" })).toBeVisible();
  });

  test('Dialog: named by its heading, focus moves in and stays in, Escape closes and focus returns', async ({
    page,
  }) => {
    await openGallery(page);
    const opener = page.getByRole('button', { name: 'Edit labels' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Edit labels of web-1' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Labels')).toBeFocused();
    await expect(dialog.getByLabel('Labels')).toHaveAccessibleDescription('key=value, comma separated');
    // Tab cycles through the dialog's controls (the field, Close, Cancel, Save) and never leaves it.
    for (let i = 0; i < 6; i += 1) {
      await page.keyboard.press('Tab');
      expect(await dialog.evaluate((d) => d.contains(d.ownerDocument.activeElement))).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await dialog.evaluate((d) => d.contains(d.ownerDocument.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
    // Save closes it too and reports the result as a toast.
    await opener.click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Labels saved' })).toBeVisible();
  });

  test('ConfirmDialog: the action waits for the typed name, shows busy, then closes', async ({ page }) => {
    await openGallery(page);
    await page.getByRole('button', { name: 'Delete pod web-1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete pod web-1?' });
    await expect(dialog).toContainText('will be deleted');
    const field = dialog.getByLabel('Type web-1 to confirm');
    await expect(field).toBeFocused();
    const confirm = dialog.getByRole('button', { name: 'Delete', exact: true });
    await expect(confirm).toHaveAttribute('aria-disabled', 'true');
    await expect(confirm).toHaveAccessibleDescription('Type web-1 to confirm');
    await field.fill('web-2');
    await confirm.click({ force: true });
    await expect(dialog).toBeVisible();
    await field.fill('web-1');
    await expect(confirm).not.toHaveAttribute('aria-disabled', 'true');
    await field.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Deleted pod web-1' })).toBeVisible();
    await expect(dialog).toBeHidden();
    // Cancel is the other way out, and no toast follows it.
    await page.getByRole('button', { name: 'Delete pod web-1' }).click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: 'Delete pod web-1' })).toBeFocused();
  });

  test('Tabs: arrow keys, Home and End move the selection, which is in the URL (?tab=)', async ({ page }) => {
    await openGallery(page);
    const tabs = page.getByRole('tablist', { name: 'Pod web-1' });
    const overview = tabs.getByRole('tab', { name: 'Overview' });
    await expect(overview).toHaveAttribute('aria-selected', 'true');
    await overview.focus();
    await page.keyboard.press('ArrowRight');
    const yaml = tabs.getByRole('tab', { name: 'YAML' });
    await expect(yaml).toBeFocused();
    await expect(yaml).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel', { name: 'YAML' })).toHaveText('The YAML of web-1.');
    expect(new URL(page.url()).searchParams.get('tab')).toBe('yaml');
    await page.keyboard.press('End');
    await expect(tabs.getByRole('tab', { name: 'Events' })).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(overview).toBeFocused();
    // Only the selected tab is in the tab order.
    await expect(yaml).toHaveAttribute('tabindex', '-1');
    // A link to ?tab=yaml opens on that tab.
    await openGallery(page, '?tab=yaml');
    await expect(page.getByRole('tab', { name: 'YAML' })).toHaveAttribute('aria-selected', 'true');
  });

  test('Table: 50,000 rows virtualised, sorted by header, selected with Space, opened with Enter', async ({
    page,
  }) => {
    await openGallery(page);
    const table = page.getByRole('table', { name: 'Demo pods' });
    await expect(table).toHaveAttribute('aria-rowcount', '50001');
    expect(await page.getByTestId('table-row').count()).toBeLessThan(100);
    const nameHeader = table.getByRole('columnheader', { name: 'Name', exact: true });
    await nameHeader.getByRole('button').click();
    await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
    await expect(page.getByTestId('table-row').first()).toContainText('pod-0');
    await expect(page.getByTestId('table-row').nth(2)).toContainText('pod-2');
    await nameHeader.getByRole('button').click();
    await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
    await expect(page.getByTestId('table-row').first()).toContainText('pod-49999');
    // Roving focus: one row in the tab order; End jumps to the last of 50,000.
    await page.getByTestId('table-row').first().focus();
    await page.keyboard.press('End');
    const last = page.getByTestId('table-row').filter({ hasText: /^pod-0default/ });
    await expect(last).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('table-selected')).toHaveText('1 selected');
    await expect(last.getByRole('checkbox', { name: 'Select pod-0' })).toBeChecked();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('table-opened')).toHaveText('Opened pod-1');
    await table.getByRole('checkbox', { name: 'Select all rows' }).check();
    await expect(page.getByTestId('table-selected')).toHaveText('50000 selected');
  });

  test('Badge, StatusPill and states: the error renders the Status reason, message and causes', async ({
    page,
  }) => {
    await openGallery(page);
    const states = section(page, 'Badges and states');
    await expect(states.getByText('CrashLoopBackOff')).toBeVisible();
    await expect(states.getByRole('status').filter({ hasText: 'Loading pods in default…' })).toBeVisible();
    await expect(states.getByRole('status').filter({ hasText: 'No pods in default' })).toBeVisible();
    const error = states.getByRole('alert');
    await expect(error.getByRole('heading', { name: 'Could not create the ConfigMap' })).toBeVisible();
    await expect(error).toContainText('Invalid (422)');
    await expect(error).toContainText('ConfigMap "Bad_Name" is invalid');
    await expect(error.getByRole('list', { name: 'Causes' }).getByRole('listitem')).toHaveText([
      /^metadata\.name: a lowercase RFC 1123/,
    ]);
    await error.getByRole('button', { name: 'Retry' }).click();
    await expect(states.getByTestId('retries')).toHaveText('Retried 1 times');
  });

  test('Toaster: results are statuses that go away, failures are alerts kept until dismissed', async ({
    page,
  }) => {
    await openGallery(page);
    await page.getByRole('button', { name: 'Show a failure' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Could not scale web' });
    await expect(alert).toContainText('deployments.apps "web" is forbidden');
    await page.getByRole('button', { name: 'Show a result' }).click();
    const result = page.getByRole('status').filter({ hasText: 'Scaled web to 3 replicas' });
    await expect(result).toBeVisible();
    await expect(result).toBeHidden({ timeout: 15_000 });
    await expect(alert).toBeVisible();
    await alert.getByRole('button', { name: 'Dismiss notification' }).click();
    await expect(alert).toBeHidden();
  });
});
