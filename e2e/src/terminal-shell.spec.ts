import { expect, test } from '@playwright/test';
import { detailURL, kubectl } from './editor-pages.ts';
import { type E2eEnvironment, e2eEnvironment } from './environment.ts';
import { expectTerminal, kubectlApply, terminalBox, typeLine, waitRunning } from './terminal-pages.ts';

const namespace = `term-shell-${Date.now().toString(36)}`;
let env: E2eEnvironment;

const shellURL = (cluster?: string) =>
  `${detailURL(env, { resource: 'pods', namespace, name: 'box', ...(cluster ? { cluster } : {}) })}?tab=shell`;

test.describe('the terminal plugin: Shell of a Pod (issue 12)', () => {
  test.beforeAll(async () => {
    env = e2eEnvironment();
    await kubectl(env, 'create', 'namespace', namespace);
    await kubectlApply(env, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'box', namespace },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [{ name: 'main', image: 'busybox', command: ['sleep', '3600'] }],
      },
    });
    await waitRunning(env, namespace, 'box');
  });
  test.afterAll(async () => {
    await kubectl(env, 'delete', 'namespace', namespace, '--wait=false');
  });

  test('3: echo round trip, resizing the browser changes stty size, exit 3 shows code 3 and Reconnect opens a new shell', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(shellURL());
    await expect(terminalBox(page)).toBeVisible();
    // bash is tried first; the prompt of a working shell appears and no error is shown.
    await typeLine(page, 'echo round-$((6*7))-trip');
    await expectTerminal(page, /round-42-trip/);
    await expect(page.getByText(/not found/)).toHaveCount(0);
    await typeLine(page, 'echo size=$(stty size)=');
    const before = /size=(\d+) (\d+)=/.exec(await expectTerminal(page, /size=\d+ \d+=/));
    await page.setViewportSize({ width: 800, height: 600 });
    await typeLine(page, 'clear; echo resized=$(stty size)=');
    const after = /resized=(\d+) (\d+)=/.exec(await expectTerminal(page, /resized=\d+ \d+=/));
    expect(after?.slice(1)).not.toEqual(before?.slice(1));
    expect(Number(after?.[2])).toBeLessThan(Number(before?.[2]));
    await typeLine(page, 'exit 3');
    await expect(page.getByRole('status').filter({ hasText: 'exited with code 3' })).toBeVisible();
    await page.getByRole('button', { name: 'Reconnect' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'exited with code' })).toHaveCount(0);
    await typeLine(page, 'echo again-$((2+3))');
    await expectTerminal(page, /again-5/);
  });

  test('3: a custom command runs as given; its exit code is shown', async ({ page }) => {
    await page.goto(shellURL());
    await expect(terminalBox(page)).toBeVisible();
    await page.getByLabel('Command').fill(`sh -c 'echo custom "command ran"; exit 7'`);
    await page.getByRole('button', { name: 'Run' }).click();
    await expectTerminal(page, /custom command ran/);
    await expect(page.getByRole('status').filter({ hasText: 'exited with code 7' })).toBeVisible();
  });

  test('6: a user without pods/exec sees the reason instead of a terminal', async ({ page }) => {
    await page.goto(shellURL(env.contexts.viewer));
    await expect(page.getByText('You may not open a shell in this pod')).toBeVisible();
    await expect(page.getByText(/you may not create pods\/exec in namespace/)).toBeVisible();
    await expect(terminalBox(page)).toBeHidden();
  });
});
