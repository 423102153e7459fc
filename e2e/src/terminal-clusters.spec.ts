import { expect, test } from '@playwright/test';
import { detailURL, kubectl } from './editor-pages.ts';
import { type E2eEnvironment, e2eEnvironment } from './environment.ts';
import {
  expectTerminal,
  kubectlApply,
  logList,
  terminalBox,
  typeLine,
  waitRunning,
} from './terminal-pages.ts';

const namespace = `term-ctx-${Date.now().toString(36)}`;
let env: E2eEnvironment;

test.describe('the terminal plugin on other contexts: a second server address and a Rancher-fronted cluster (issue 12)', () => {
  test.beforeAll(async () => {
    env = e2eEnvironment();
    await kubectl(env, 'create', 'namespace', namespace);
    await kubectlApply(env, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'talker', namespace },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: 'main',
            image: 'busybox',
            command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "talk $i"; sleep 0.5; done'],
          },
        ],
      },
    });
    await waitRunning(env, namespace, 'talker');
  });
  test.afterAll(async () => {
    await kubectl(env, 'delete', 'namespace', namespace, '--wait=false');
  });

  for (const which of ['second', 'rancher'] as const) {
    test(`4: Logs follow and the Shell round-trips on the ${which} context`, async ({ page }) => {
      const cluster = env.productContexts[which];
      const url = (tab: string) =>
        `${detailURL(env, { resource: 'pods', namespace, name: 'talker', cluster })}?tab=${tab}`;
      await page.goto(url('logs'));
      const log = logList(page);
      await expect(log).toContainText(/talk \d+/);
      const first = Number(/talk (\d+)/.exec((await log.textContent()) ?? '')?.[1]);
      await expect(log).toContainText(`talk ${first + 3}`, { timeout: 15_000 });
      await expect(page.getByRole('status', { name: 'Stream status' })).toHaveText('Live');

      await page.goto(url('shell'));
      await expect(terminalBox(page)).toBeVisible();
      await typeLine(page, `echo ${which}-$((20+22))`);
      await expectTerminal(page, new RegExp(`${which}-42`));
      await typeLine(page, 'exit 3');
      await expect(page.getByRole('status').filter({ hasText: 'exited with code 3' })).toBeVisible();
    });
  }
});
