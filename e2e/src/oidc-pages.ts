import { request } from 'node:https';
import { expect, type Page } from '@playwright/test';
import type { OidcE2e } from './oidc-setup.ts';

/**
 * Calls one of the test issuer's test-only endpoints (`/test/lifetime`, `/test/revoke`,
 * `/test/refresh-count`), trusting its CA.
 *
 * @example
 * const { count } = await issuerControl(env.oidc, 'GET', '/test/refresh-count?sub=alice');
 */
export function issuerControl(
  oidc: OidcE2e,
  method: 'GET' | 'POST',
  path: string,
): Promise<{ count?: number; revoked?: number }> {
  return new Promise((resolve, reject) => {
    const req = request(`${oidc.issuerUrl}${path}`, { method, ca: oidc.issuerCaPem }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(JSON.parse(text))
          : reject(new Error(`${path}: ${res.statusCode} ${text}`)),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** How many refresh grants the issuer has answered for `username`. */
export async function refreshCount(oidc: OidcE2e, username: string): Promise<number> {
  return (await issuerControl(oidc, 'GET', `/test/refresh-count?sub=${username}`)).count ?? -1;
}

/** The name the login page's link gives the issuer: its host. */
export function issuerName(oidc: OidcE2e): string {
  return new URL(oidc.issuerUrl).host;
}

/**
 * From Porthole's login page (or any page that leads there), logs `username` in through the issuer's
 * form, and waits until the browser is back on Porthole.
 *
 * @example
 * await page.goto(env.oidc.url);
 * await logInThroughIssuer(page, env.oidc, 'alice');
 */
export async function logInThroughIssuer(page: Page, oidc: OidcE2e, username: string): Promise<void> {
  const user = oidc.users.find((u) => u.username === username);
  if (!user) throw new Error(`the issuer has no user ${username}`);
  await page.getByRole('link', { name: `Log in with ${issuerName(oidc)}` }).click();
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.origin === oidc.url);
}

/** The ConfigMaps list of `namespace` on the portal's context, live. */
export async function openConfigMaps(page: Page, oidc: OidcE2e, namespace: string): Promise<void> {
  await page.goto(`${oidc.url}/c/${encodeURIComponent(oidc.context)}/r/core/v1/configmaps`);
  await page.getByLabel('Namespace', { exact: true }).selectOption(namespace);
}

/** The names in the list on `page`. */
export function listedNames(page: Page) {
  return page.getByTestId('resource-name');
}

/** Waits until `page`'s list is live (its watch runs). */
export async function expectLive(page: Page): Promise<void> {
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
}
