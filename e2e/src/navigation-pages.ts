import { expect, type Locator, type Page } from '@playwright/test';

/** The sidebar (`nav` "Navigation"). */
export function sidebar(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Navigation' });
}

/** Waits until the sidebar has its kinds (checked in a namespace, or across all). */
export async function sidebarReady(page: Page, where: RegExp = /^In (all namespaces|namespace \S+)$/) {
  await expect(page.getByTestId('nav-namespace')).toHaveText(where);
}

/** The links of one section of the sidebar, by its heading's button. */
export function sectionLinks(page: Page, section: string): Locator {
  return sidebar(page)
    .getByTestId('nav-section')
    .filter({ has: page.getByRole('button', { name: section, exact: true }) })
    .getByRole('link');
}

/** Words of a raw Kubernetes 403 that must never reach the person. */
export async function expectNoRaw403(page: Page): Promise<void> {
  await expect(page.locator('body')).not.toContainText(/\b403\b|Forbidden|forbidden:|cannot list resource/, {
    useInnerText: true,
  });
}
