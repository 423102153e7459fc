import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { type E2eEnvironment, e2eEnvironment } from './environment.ts';
import {
  expectLive,
  issuerControl,
  listedNames,
  logInThroughIssuer,
  openConfigMaps,
  refreshCount,
} from './oidc-pages.ts';

// Acceptance 3 of issue 16: the portal in `--auth oidc` mode, against the test issuer the API server
// trusts. alice is in group team-a (edits namespace team-a, bundle team-a: hello + extra); bob is in
// team-b (views namespace team-b, bundle default: hello).

const run = promisify(execFile);
const suffix = Date.now().toString(36);
let env: E2eEnvironment;

async function kubectl(...args: string[]): Promise<string> {
  const admin = ['--kubeconfig', env.kubeconfigPath, '--context', env.contexts.admin];
  return (await run('kubectl', [...admin, ...args])).stdout;
}

/** A browser context of its own (a person), trusting the issuer's self-signed certificate. */
async function person(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  return { context, page: await context.newPage() };
}

async function loggedIn(browser: Browser, username: string) {
  const who = await person(browser);
  await who.page.goto(env.oidc.url);
  await logInThroughIssuer(who.page, env.oidc, username);
  return who;
}

test.describe('the portal with --auth oidc', () => {
  test.beforeAll(async () => {
    env = e2eEnvironment();
    await kubectl('create', 'configmap', `alice-notes-${suffix}`, '-n', 'team-a');
    await kubectl('create', 'configmap', `bob-notes-${suffix}`, '-n', 'team-b');
  });

  test('alice (team-a) logs in through the issuer’s form and sees namespace team-a and the team-a bundle', async ({
    browser,
  }) => {
    const { context, page } = await person(browser);
    await page.goto(`${env.oidc.url}/`);
    await expect(page).toHaveURL(/\/login/);
    await logInThroughIssuer(page, env.oidc, 'alice');
    const session = await page.request.get(`${env.oidc.url}/api/session`);
    expect(await session.json()).toEqual({ mode: 'oidc', user: { name: 'alice', groups: ['team-a'] } });
    await openConfigMaps(page, env.oidc, 'team-a');
    await expectLive(page);
    await expect(listedNames(page).filter({ hasText: `alice-notes-${suffix}` })).toBeVisible();
    // The team-a bundle: the `extra` plugin's page is in the navigation.
    await expect(page.getByTestId('nav').getByRole('link', { name: 'Extra', exact: true })).toBeVisible();
    // The top bar says who is logged in; nothing the page holds carries the id-token.
    await expect(page.getByTestId('session-user')).toHaveText('alice');
    const pageCookies = await page.evaluate(
      () => (globalThis as { document?: { cookie: string } }).document?.cookie ?? '',
    );
    expect(pageCookies).not.toContain('porthole_session');
    await context.close();
  });

  test('Log out ends the session and the next login asks the issuer’s form again', async ({ browser }) => {
    const { context, page } = await loggedIn(browser, 'alice');
    await expect(page.getByTestId('session-user')).toHaveText('alice');
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/login\?reason=logged-out$/);
    await expect(page.getByRole('alert')).toHaveText('You have logged out.');
    expect((await context.cookies(env.oidc.url)).find((c) => c.name === 'porthole_session')).toBeUndefined();
    expect((await page.request.get(`${env.oidc.url}/api/session`)).status()).toBe(401);
    await page.goto(`${env.oidc.url}/`);
    await expect(page).toHaveURL(/\/login/);
    // The issuer keeps no session of its own: logging in again means its form again.
    await logInThroughIssuer(page, env.oidc, 'bob');
    await expect(page.getByTestId('session-user')).toHaveText('bob');
    await context.close();
  });

  test('bob (team-b) sees what RBAC gives bob: team-b, not team-a, and the default bundle', async ({
    browser,
  }) => {
    const { context, page } = await loggedIn(browser, 'bob');
    await openConfigMaps(page, env.oidc, 'team-b');
    await expectLive(page);
    await expect(listedNames(page).filter({ hasText: `bob-notes-${suffix}` })).toBeVisible();
    await expect(page.getByTestId('nav').getByRole('link', { name: 'Hello', exact: true })).toBeVisible();
    await expect(page.getByTestId('nav').getByRole('link', { name: 'Extra', exact: true })).toHaveCount(0);
    await openConfigMaps(page, env.oidc, 'team-a');
    await expect(
      page.getByRole('heading', { name: /You can.t list ConfigMaps in namespace team-a/ }),
    ).toBeVisible();
    await expect(listedNames(page)).toHaveCount(0);
    await context.close();
  });

  test('in two browser contexts at once, neither sees the other’s objects or events', async ({ browser }) => {
    const alice = await loggedIn(browser, 'alice');
    const bob = await loggedIn(browser, 'bob');
    // Both look at namespace team-a: alice's watch runs; bob's is refused, and must stay refused even
    // though an upstream watch of exactly that list is open for alice.
    await openConfigMaps(alice.page, env.oidc, 'team-a');
    await expectLive(alice.page);
    const bobOnTeamA = await bob.context.newPage();
    await openConfigMaps(bobOnTeamA, env.oidc, 'team-a');
    await expect(
      bobOnTeamA.getByRole('heading', { name: /You can.t list ConfigMaps in namespace team-a/ }),
    ).toBeVisible();
    await openConfigMaps(bob.page, env.oidc, 'team-b');
    await expectLive(bob.page);
    await kubectl('create', 'configmap', `event-a-${suffix}`, '-n', 'team-a');
    await kubectl('create', 'configmap', `event-b-${suffix}`, '-n', 'team-b');
    await expect(listedNames(alice.page).filter({ hasText: `event-a-${suffix}` })).toBeVisible();
    await expect(listedNames(bob.page).filter({ hasText: `event-b-${suffix}` })).toBeVisible();
    await expect(listedNames(alice.page).filter({ hasText: `event-b-${suffix}` })).toHaveCount(0);
    await expect(listedNames(bob.page).filter({ hasText: `event-a-${suffix}` })).toHaveCount(0);
    await expect(listedNames(bobOnTeamA)).toHaveCount(0);
    await alice.context.close();
    await bob.context.close();
  });

  test('an expired id-token is refreshed once, however many requests the page makes', async ({ browser }) => {
    test.setTimeout(60_000);
    await issuerControl(env.oidc, 'POST', '/test/lifetime?sub=bob&seconds=10');
    try {
      const { context, page } = await loggedIn(browser, 'bob');
      await openConfigMaps(page, env.oidc, 'team-b');
      await expectLive(page);
      const before = await refreshCount(env.oidc, 'bob');
      await page.waitForTimeout(10_500); // the id-token in the cookie is now expired
      await page.reload();
      await page.getByLabel('Namespace', { exact: true }).selectOption('team-b');
      await expectLive(page);
      await expect(listedNames(page).filter({ hasText: `bob-notes-${suffix}` })).toBeVisible();
      expect(await refreshCount(env.oidc, 'bob')).toBe(before + 1);
      await context.close();
    } finally {
      await issuerControl(env.oidc, 'POST', '/test/lifetime?sub=bob&seconds=300');
    }
  });

  test('a page left open past its id-token’s expiry keeps working: a new list over the same socket', async ({
    browser,
  }) => {
    test.setTimeout(60_000);
    await issuerControl(env.oidc, 'POST', '/test/lifetime?sub=bob&seconds=10');
    try {
      const { context, page } = await loggedIn(browser, 'bob');
      await openConfigMaps(page, env.oidc, 'team-b');
      await expectLive(page);
      const before = await refreshCount(env.oidc, 'bob');
      await page.waitForTimeout(10_500); // the socket's id-token is now expired; nothing reloads
      // An in-app navigation: the same document and WebSocket, a new upstream list and watch.
      await page.getByRole('link', { name: 'All kinds' }).click();
      await page.getByRole('link', { name: 'Pod', exact: true }).click();
      await page.getByLabel('Namespace', { exact: true }).selectOption('team-b');
      await expectLive(page);
      await expect(page.getByText(/Unauthorized|forbidden/)).toHaveCount(0);
      expect(await refreshCount(env.oidc, 'bob')).toBe(before + 1);
      await context.close();
    } finally {
      await issuerControl(env.oidc, 'POST', '/test/lifetime?sub=bob&seconds=300');
    }
  });

  test('with the refresh token revoked, the person is asked to log in again (pages and API)', async ({
    browser,
  }) => {
    test.setTimeout(60_000);
    await issuerControl(env.oidc, 'POST', '/test/lifetime?sub=bob&seconds=6');
    try {
      const { context, page } = await loggedIn(browser, 'bob');
      await issuerControl(env.oidc, 'POST', '/test/revoke?sub=bob');
      await page.waitForTimeout(6_500);
      const api = await page.request.get(`${env.oidc.url}/api/session`);
      expect(api.status()).toBe(401);
      expect((await api.json()) as { message: string }).toMatchObject({ kind: 'Status', message: /log in/ });
      await page.goto(`${env.oidc.url}/c/${encodeURIComponent(env.oidc.context)}/r/core/v1/configmaps`);
      await expect(page).toHaveURL(/\/login\?return=/);
      await expect(page.getByRole('alert')).toHaveText(
        'Your session has ended and could not be renewed: log in again.',
      );
      // Logging in again brings bob back where he was going.
      await logInThroughIssuer(page, env.oidc, 'bob');
      await expect(page).toHaveURL(/\/r\/core\/v1\/configmaps$/);
      await context.close();
    } finally {
      await issuerControl(env.oidc, 'POST', '/test/lifetime?sub=bob&seconds=300');
    }
  });

  test('a forged or tampered session cookie is refused', async ({ browser }) => {
    const { context, page } = await loggedIn(browser, 'alice');
    const cookies = await context.cookies(env.oidc.url);
    const session = cookies.find((c) => c.name === 'porthole_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    const value = session?.value ?? '';
    const tampered = `${value.slice(0, 80)}${value[80] === 'A' ? 'B' : 'A'}${value.slice(81)}`;
    for (const forged of [tampered, 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged.forged.forged']) {
      await context.addCookies([{ name: 'porthole_session', value: forged, url: env.oidc.url }]);
      expect((await page.request.get(`${env.oidc.url}/api/session`)).status()).toBe(401);
      await page.goto(`${env.oidc.url}/`);
      await expect(page).toHaveURL(/\/login/);
    }
    await context.close();
  });

  test('a state mismatch on the way back from the issuer is refused', async ({ browser }) => {
    const { context, page } = await person(browser);
    // The issuer's answer to the form (a redirect back to Porthole) is changed in flight: another state.
    await page.route(`${env.oidc.issuerUrl}/auth`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const answer = await route.fetch({ maxRedirects: 0 });
      const back = new URL(answer.headers().location ?? '');
      expect(back.searchParams.get('code')).toBeTruthy();
      back.searchParams.set('state', 'forged');
      return route.fulfill({ status: 302, headers: { location: back.href } });
    });
    await page.goto(`${env.oidc.url}/login`);
    await logInThroughIssuer(page, env.oidc, 'alice');
    await expect(page.getByRole('alert')).toContainText('unexpected "state" response parameter value');
    expect((await page.request.get(`${env.oidc.url}/api/session`)).status()).toBe(401);
    await context.close();
  });

  test('an open redirect in the return URL is refused: after login the browser stays on Porthole', async ({
    browser,
  }) => {
    const { context, page } = await person(browser);
    await page.goto(`${env.oidc.url}/login?return=${encodeURIComponent('//evil.example/')}`);
    await logInThroughIssuer(page, env.oidc, 'alice');
    await expect.poll(() => new URL(page.url()).origin).toBe(env.oidc.url);
    expect(page.url()).not.toContain('evil');
    // Logged in now: /login redirects straight to the return path, checked the same way.
    for (const hostile of [
      'https://evil.example/',
      '/\\evil.example',
      '/..//evil.example',
      '/\t/evil.example',
    ]) {
      const res = await page.request.get(`${env.oidc.url}/login?return=${encodeURIComponent(hostile)}`, {
        maxRedirects: 0,
      });
      expect(res.status()).toBe(302);
      expect(res.headers().location).toBe('/');
    }
    await context.close();
  });
});
