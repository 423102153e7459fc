import { expect, test } from '@playwright/test';
import { detailURL, kubectl } from './editor-pages.ts';
import { type E2eEnvironment, e2eEnvironment } from './environment.ts';
import { kubectlApply, logList, waitRunning } from './terminal-pages.ts';

const namespace = `term-logs-${Date.now().toString(36)}`;
let env: E2eEnvironment;

// `app` prints a red tick twice a second; `side` its own lines; `crasher` exits 1 after a line, so the
// kubelet restarts it and its previous instance has a log.
const ticker = `printf '<img src=x onerror="window.pwned=1">\\n'; i=0; while true; do i=$((i+1)); printf '\\033[31mred-%d\\033[0m tick %d alpha\\n' $i $i; sleep 0.5; done`;
const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'ticker', namespace },
  spec: {
    terminationGracePeriodSeconds: 1,
    initContainers: [{ name: 'setup', image: 'busybox', command: ['sh', '-c', 'echo init says hi'] }],
    containers: [
      { name: 'app', image: 'busybox', command: ['sh', '-c', ticker] },
      {
        name: 'side',
        image: 'busybox',
        command: ['sh', '-c', 'while true; do echo side line; sleep 1; done'],
      },
      {
        name: 'crasher',
        image: 'busybox',
        command: ['sh', '-c', 'echo crash-run-$(date +%s%N); sleep 1; exit 1'],
      },
    ],
  },
};

const podURL = (tab?: string, cluster?: string) =>
  `${detailURL(env, { resource: 'pods', namespace, name: 'ticker', ...(cluster ? { cluster } : {}) })}${tab ? `?tab=${tab}` : ''}`;

test.describe('the terminal plugin: Logs of a Pod (issue 12)', () => {
  test.beforeAll(async () => {
    env = e2eEnvironment();
    await kubectl(env, 'create', 'namespace', namespace);
    await kubectlApply(env, pod);
    await waitRunning(env, namespace, 'ticker');
  });
  test.afterAll(async () => {
    await kubectl(env, 'delete', 'namespace', namespace, '--wait=false');
  });

  test('a resource page tab is addressable by URL: ?tab=logs opens Logs, choosing Shell puts ?tab=shell in the URL', async ({
    page,
  }) => {
    await page.goto(podURL('logs'));
    await expect(page.getByRole('tab', { name: 'Logs' })).toHaveAttribute('aria-selected', 'true');
    await expect(logList(page)).toContainText('tick');
    await page.getByRole('tab', { name: 'Shell' }).click();
    await expect(page).toHaveURL(/[?&]tab=shell\b/);
    await page.getByRole('tab', { name: 'Overview' }).click();
    await expect(page).toHaveURL(/[?&]tab=overview\b/);
    await page.goto(podURL('no-such-tab'));
    await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
  });

  test('1: logs of a running pod appear and follow, with ANSI colours; timestamps, container switch and previous work', async ({
    page,
  }) => {
    await page.goto(podURL('logs'));
    const log = logList(page);
    await expect(log).toContainText(/tick \d+ alpha/);
    const firstTick = Number(/tick (\d+) alpha/.exec((await log.textContent()) ?? '')?.[1]);
    // Following: newer lines keep arriving and the newest is in view.
    await expect(log).toContainText(`tick ${firstTick + 4} alpha`, { timeout: 15_000 });
    await expect(page.getByRole('status', { name: 'Stream status' })).toHaveText('Live');
    // ANSI: "red-N" is drawn in red, the escape itself is not in the text.
    const red = log.getByText(/^red-\d+$/).last();
    await expect(red).toHaveCSS('color', 'rgb(205, 0, 0)');
    await expect(log).not.toContainText('[31m');
    // Wrap toggle: long lines wrap instead of scrolling sideways.
    const line = log.locator('.term-log-line').first();
    await expect(line).toHaveCSS('white-space', 'pre');
    await page.getByLabel('Wrap lines').check();
    await expect(line).toHaveCSS('white-space', 'pre-wrap');
    await page.getByLabel('Wrap lines').uncheck();
    // Hostile log content is text, never markup.
    await expect(log).toContainText('<img src=x onerror="window.pwned=1">');
    expect(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned)).toBeUndefined();
    // Timestamps.
    await expect(log).not.toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}/);
    await page.getByLabel('Timestamps').check();
    await expect(log).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} red-\d+ tick/);
    // An init container (listed as such), and another app container.
    await page.getByLabel('Container', { exact: true }).selectOption({ label: 'setup (init)' });
    await expect(log).toContainText('init says hi');
    expect((await kubectl(env, 'logs', 'ticker', '-c', 'setup', '-n', namespace)).trim()).toBe(
      'init says hi',
    );
    await page.getByLabel('Container', { exact: true }).selectOption('side');
    await expect(log).toContainText('side line');
    await expect(log).not.toContainText('tick');
    // The previous (terminated) instance of a restarted container.
    await page.getByLabel('Container', { exact: true }).selectOption('crasher');
    const restarts = async () =>
      Number(
        await kubectl(
          env,
          'get',
          'pod',
          'ticker',
          '-n',
          namespace,
          '-o',
          'jsonpath={.status.containerStatuses[?(@.name=="crasher")].restartCount}',
        ),
      );
    await expect.poll(restarts, { timeout: 30_000 }).toBeGreaterThan(0);
    // Each run prints its own id. The container keeps crashing, so the previous instance can change while
    // the view loads it: an attempt counts only when no restart happened around it (else uncheck, again).
    const runId = (text: string) => /crash-run-\d+/.exec(text)?.[0] ?? 'no run id';
    const previousToggle = page.getByLabel('Previous container');
    for (let attempt = 1; ; attempt++) {
      const restartsBefore = await restarts();
      const previous = runId(
        await kubectl(env, 'logs', 'ticker', '-c', 'crasher', '-n', namespace, '--previous'),
      );
      await previousToggle.check();
      const shown = await expect(log)
        .toContainText(previous, { timeout: 10_000 })
        .then(
          () => true,
          () => false,
        );
      if ((await restarts()) === restartsBefore) {
        expect(shown, `the view shows the previous instance's ${previous}`).toBe(true);
        break;
      }
      expect(attempt, 'the crasher restarted during each of 5 attempts').toBeLessThan(5);
      await previousToggle.uncheck();
    }
  });

  test('1: search highlights with next/previous and a count; regex, case and filter mode work on real lines', async ({
    page,
  }) => {
    await page.goto(podURL('logs'));
    const log = logList(page);
    await expect(log).toContainText('tick 3 alpha', { timeout: 15_000 });
    await page.getByLabel('Follow', { exact: true }).uncheck();
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill('ALPHA');
    const count = page.getByRole('status').filter({ hasText: /matches$/ });
    await expect(count).toHaveText(/^1 of \d+ matches$/);
    const total = Number(/of (\d+)/.exec((await count.textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThanOrEqual(3);
    await expect(log.locator('mark').first()).toHaveText('alpha');
    await page.getByRole('button', { name: 'Next match' }).click();
    await expect(count).toHaveText(`2 of ${total} matches`);
    await page.getByRole('button', { name: 'Previous match' }).click();
    await page.getByRole('button', { name: 'Previous match' }).click();
    await expect(count).toHaveText(`${total} of ${total} matches`);
    // Case toggle: ALPHA is not in the log.
    await page.getByLabel('Match case').check();
    await expect(count).toHaveText('No matches');
    await page.getByLabel('Match case').uncheck();
    // Regex and filter: only lines of ticks 1 and 2 remain.
    await page.getByLabel('Regex').check();
    await search.fill('tick [12] alpha$');
    await expect(count).toHaveText('1 of 2 matches');
    await page.getByLabel('Only matching lines').check();
    await expect(log.locator('.term-log-line')).toHaveCount(2);
    await expect(log).toContainText('tick 1 alpha');
    await expect(log).not.toContainText('tick 3 alpha');
    // An invalid regex says why and breaks nothing.
    await search.fill('tick (');
    await expect(page.getByText(/Invalid regular expression/)).toBeVisible();
  });

  test('scrolling up pauses following and offers "N new lines" to jump back; a line cap (?logCap=) drops older lines and says how many', async ({
    page,
  }) => {
    await page.goto(`${podURL('logs')}&logCap=40`);
    const log = logList(page);
    await expect(log).toContainText(/tick \d+ alpha/);
    // The ticker prints two lines a second: within 20 s of its start there are more than 40.
    await expect(page.getByText(/^[\d,]+ older lines dropped \(keeping the latest 40\)$/)).toBeVisible({
      timeout: 30_000,
    });
    // Past the cap, following goes on: the rows stay 40, their contents move to the newest lines.
    const newestTick = async () =>
      Math.max(
        0,
        ...[...((await log.textContent()) ?? '').matchAll(/tick (\d+) alpha/g)].map((m) => Number(m[1])),
      );
    const atCap = await newestTick();
    await expect.poll(newestTick, { timeout: 15_000 }).toBeGreaterThan(atCap + 3);
    expect(await page.getByLabel('Tail', { exact: true }).inputValue()).toBe('1000');
    await expect(page.getByLabel('Tail', { exact: true })).toHaveValue('1000');
    await log.evaluate((el) => {
      el.scrollTop = 0;
    });
    const jump = page.getByRole('button', { name: /^[\d,]+ new lines$/ });
    await expect(jump).toBeVisible({ timeout: 10_000 });
    // Paused: the view stays where the user scrolled.
    expect(await log.evaluate((el) => el.scrollTop)).toBe(0);
    await jump.click();
    await expect(jump).toBeHidden();
    await expect
      .poll(() => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight))
      .toBeLessThan(20);
  });

  test('6: a pod that does not exist says so clearly on its Logs tab', async ({ page }) => {
    await page.goto(`${detailURL(env, { resource: 'pods', namespace, name: 'no-such-pod' })}?tab=logs`);
    await expect(page.getByText('Pod no-such-pod does not exist')).toBeVisible();
  });
});
