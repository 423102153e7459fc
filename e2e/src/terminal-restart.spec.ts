import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { type RunningBackend, startBackend } from '@porthole/backend/testing';
import { freePort } from '@porthole/testcluster';
import { kubectl } from './editor-pages.ts';
import { type E2eEnvironment, e2eEnvironment } from './environment.ts';
import {
  expectTerminal,
  kubectlApply,
  logList,
  terminalBox,
  typeLine,
  waitRunning,
} from './terminal-pages.ts';

const namespace = `term-restart-${Date.now().toString(36)}`;
const logFile = fileURLToPath(new URL('../../.test-results/e2e-restart-backend.log', import.meta.url));
let env: E2eEnvironment;
// Its own backend (the product registry, on a fixed port): this spec kills it, which the shared ones
// must never be.
let backend: RunningBackend | undefined;
let port = 0;

const start = async () => {
  backend = await startBackend({
    kubeconfigs: [env.kubeconfigPath],
    args: ['--port', String(port)],
    logFile,
  });
};

test.describe('the terminal plugin across a backend restart (issue 12)', () => {
  test.beforeAll(async () => {
    env = e2eEnvironment();
    port = await freePort();
    await kubectl(env, 'create', 'namespace', namespace);
    await kubectlApply(env, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'counter', namespace },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: 'main',
            image: 'busybox',
            command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "seq $i"; sleep 0.2; done'],
          },
        ],
      },
    });
    await waitRunning(env, namespace, 'counter');
    await start();
  });
  test.afterAll(async () => {
    await backend?.stop();
    await kubectl(env, 'delete', 'namespace', namespace, '--wait=false');
  });

  test('5: the backend is killed and restarted during a follow: the view says reconnecting, resumes, and no line is repeated or lost', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const url = `${backend?.url}/c/${encodeURIComponent(env.contexts.admin)}/r/core/v1/pods/${namespace}/counter?tab=logs`;
    await page.goto(url);
    const log = logList(page);
    await expect(log).toContainText(/seq \d+/);
    const status = page.getByRole('status', { name: 'Stream status' });
    await expect(status).toHaveText('Live');

    backend?.child.kill('SIGKILL');
    await expect(status).toHaveText('Reconnecting…');
    const downAt = Number(
      /seq (\d+)/.exec((await kubectl(env, 'logs', 'counter', '-n', namespace, '--tail=1')).trim())?.[1],
    );
    await page.waitForTimeout(2_000); // lines printed while the backend is down must still arrive
    await start();
    await expect(status).toHaveText('Live', { timeout: 30_000 });
    await expect(log).toContainText(`seq ${downAt + 15}`, { timeout: 20_000 });

    // Every line the view holds, from "Download shown": consecutive, none twice, none missing.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download shown' }).click(),
    ]);
    const text = await readFile((await download.path()) ?? '', 'utf8');
    const numbers = text
      .trim()
      .split('\n')
      .map((line) => Number(/^seq (\d+)$/.exec(line)?.[1]));
    expect(numbers.every(Number.isInteger)).toBe(true);
    const first = numbers[0] ?? 0;
    expect(numbers).toEqual(numbers.map((_, i) => first + i));
    expect(numbers.at(-1)).toBeGreaterThanOrEqual(downAt + 15);
  });

  test('3: a shell whose socket drops says "connection lost" with Reconnect, which opens a new shell once the backend is back', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await page.goto(
      `${backend?.url}/c/${encodeURIComponent(env.contexts.admin)}/r/core/v1/pods/${namespace}/counter?tab=shell`,
    );
    await expect(terminalBox(page)).toBeVisible();
    await typeLine(page, 'echo before-$((1+1))');
    await expectTerminal(page, /before-2/);
    backend?.child.kill('SIGKILL');
    await expect(page.getByRole('status').filter({ hasText: 'Connection lost' })).toBeVisible();
    await start();
    await page.getByRole('button', { name: 'Reconnect' }).click();
    await typeLine(page, 'echo after-$((2+2))');
    await expectTerminal(page, /after-4/, 30_000);
  });
});
