// Issue 16, acceptance 5, in the browser: two `porthole serve --auth token` replicas (one shared session
// key) behind a real nginx. A tab logged in through nginx follows a live list of ConfigMaps, another tab of
// the same browser a Pod's log; the replica holding their sockets is SIGKILLed. Both sockets reconnect
// through nginx to the other replica and resume: every ConfigMap shown once, none lost (creates and
// deletes made while the socket was down included), the log's numbered lines consecutive, the person
// still logged in. The SDK-level proof (every event and line, SIGTERM drain too) is
// `packages/sdk/src/live/replicas.cluster.test.ts`.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { type RunningBackend, startBackend } from '@porthole/backend/testing';
import { muxSubprotocol } from '@porthole/protocol';
import { type KubeClient, type Nginx, startNginx } from '@porthole/testcluster';
import { adminKubeClient, kubectl } from './editor-pages.ts';
import { type E2eEnvironment, e2eEnvironment } from './environment.ts';
import { clusterPage } from './shell-pages.ts';
import { kubectlApply, logList, waitRunning } from './terminal-pages.ts';

const namespace = `replicas-e2e-${Date.now().toString(36)}`;
/** Prints `line N` ten times a second, N counting from 0. */
const counter = 'i=0; while true; do echo "line $i"; i=$((i+1)); sleep 0.1; done';

let env: E2eEnvironment;
let admin: KubeClient;
let dir: string;
let replicas: RunningBackend[] = [];
let nginx: Nginx;

/** How many multiplexer sockets a replica holds, from its own `/metrics` (with the session cookie). */
async function socketsOf(replica: RunningBackend, cookie: string): Promise<number> {
  const text = await (await fetch(`${replica.url}/metrics`, { headers: { cookie } })).text();
  return Number(/^porthole_mux_sockets (\d+)/m.exec(text)?.[1] ?? Number.NaN);
}

/** The `name=value` of the browser's session cookie (HttpOnly: the page can't read it, the test can). */
async function sessionCookie(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === 'porthole_session');
  if (!cookie) throw new Error('no porthole_session cookie in the browser');
  return `${cookie.name}=${cookie.value}`;
}

/** The row of ConfigMap `name` in the list (its accessible name starts with the name cell). */
const rowOf = (page: Page, name: string) => page.getByRole('row', { name: new RegExp(`^${name} `) });

/** The highest `line N` the log view shows now. */
async function newestLine(page: Page): Promise<number> {
  const text = (await logList(page).textContent()) ?? '';
  return Math.max(-1, ...[...text.matchAll(/line (\d+)/g)].map((m) => Number(m[1])));
}

/** Every line the log view holds (not only the rendered screenful), via its "Download shown". */
async function shownLines(page: Page): Promise<string[]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download shown' }).click(),
  ]);
  const path = await download.path();
  return (await readFile(path, 'utf8')).split('\n').filter((line) => line !== '');
}

/** The person is still logged in: the top bar names them and offers Log out, not "Log in again". */
async function expectLoggedIn(page: Page): Promise<void> {
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByTestId('session-user')).toHaveText('admin');
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Log in again' })).toHaveCount(0);
}

/** Logs in as admin through nginx on the login page, as a person would, landing on `url`. */
async function logIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page).toHaveURL(/\/login\?return=/);
  await page.getByLabel('Cluster').selectOption(env.contexts.admin);
  await page.getByLabel('Bearer token').fill(env.tokens.admin);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(url);
  await expectLoggedIn(page);
}

/** What the page's own WebSocket to `url` (the multiplexer's subprotocol) came to: `open` or `closed CODE`. */
function socketFrom(page: Page, url: string): Promise<string> {
  return page.evaluate(
    ([target, protocol]) =>
      new Promise<string>((resolve) => {
        type Socket = {
          onopen: () => void;
          onclose: (event: { code: number }) => void;
          close(): void;
        };
        const { WebSocket } = globalThis as unknown as {
          WebSocket: new (url: string, protocol: string) => Socket;
        };
        const socket = new WebSocket(target, protocol);
        socket.onopen = () => {
          socket.close();
          resolve('open');
        };
        socket.onclose = (event) => resolve(`closed ${event.code}`);
      }),
    [url, muxSubprotocol] as const,
  );
}

test.describe('two replicas behind nginx, in the browser (issue 16, acceptance 5)', () => {
  // Every ConfigMap of the namespace on one screen (the table renders a screenful of rows).
  test.use({ viewport: { width: 1280, height: 2200 } });

  test.beforeAll(async () => {
    env = e2eEnvironment();
    admin = await adminKubeClient(env);
    await kubectl(env, 'create', 'namespace', namespace);
    // A fresh namespace's default service account comes a moment after it: retry until the pod is accepted.
    await expect(async () => {
      await kubectlApply(env, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'counter', namespace },
        spec: {
          terminationGracePeriodSeconds: 1,
          containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', counter] }],
        },
      });
    }).toPass({ timeout: 20_000 });
    await waitRunning(env, namespace, 'counter');

    dir = await mkdtemp(join(tmpdir(), 'porthole-e2e-replicas-'));
    const secret = join(dir, 'session-secret');
    await writeFile(secret, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    // The built-in registry (no --plugins): the shell's lists and the terminal plugin's Logs tab.
    replicas = await Promise.all(
      ['a', 'b'].map((name) =>
        startBackend({
          kubeconfigs: [env.kubeconfigPath],
          args: ['--auth', 'token', '--session-secret-file', secret, '--shutdown-grace', '5s'],
          logFile: join(dir, `replica-${name}.log`),
        }),
      ),
    );
    nginx = await startNginx({ upstreams: replicas.map((r) => new URL(r.url).host) });
  });

  test.afterAll(async () => {
    await nginx?.stop();
    await Promise.all(replicas.map((r) => r.stop()));
    if (dir) await rm(dir, { recursive: true, force: true });
    await kubectl(env, 'delete', 'namespace', namespace, '--wait=false').catch(() => {});
    admin?.close();
  });

  test('SIGKILL the replica holding the sockets: a watch and a log resume through nginx on the other, nothing lost or doubled, still logged in', async ({
    page,
    context,
  }) => {
    test.setTimeout(120_000);
    const createConfigMap = (name: string) =>
      admin.must('POST', `/api/v1/namespaces/${namespace}/configmaps`, { metadata: { name } });

    const listURL = clusterPage(nginx.url, env.contexts.admin, 'r/core/v1/configmaps');
    await logIn(page, listURL);

    // Tab 1: the live list of the namespace's ConfigMaps.
    await page.getByLabel('Namespace', { exact: true }).selectOption(namespace);
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
    const before = Array.from({ length: 5 }, (_, i) => `before-${i}`);
    for (const name of before) await createConfigMap(name);
    for (const name of before) await expect(rowOf(page, name)).toHaveCount(1);

    // Tab 2, same browser: the counter pod's log, following.
    const logs = await context.newPage();
    const podURL = clusterPage(nginx.url, env.contexts.admin, `r/core/v1/pods/${namespace}/counter?tab=logs`);
    await logs.goto(podURL);
    await expect(logs.getByRole('status', { name: 'Stream status' })).toHaveText('Live');
    await expect.poll(() => newestLine(logs), { timeout: 15_000 }).toBeGreaterThan(5);

    // Each tab has its own socket and nginx round-robins requests: reload the log tab until both sockets
    // are on one replica, so the kill tests both resumes. Every other time one more request through nginx
    // first, so the parity of a page load's requests can't keep the two apart.
    const cookie = await sessionCookie(context);
    const socketsPerReplica = () => Promise.all(replicas.map((r) => socketsOf(r, cookie)));
    let holders: number[] = [];
    let reloads = 0;
    for (;;) {
      await expect
        .poll(async () => (await socketsPerReplica()).reduce((a, b) => a + b), { timeout: 15_000 })
        .toBe(2);
      holders = await socketsPerReplica();
      if (holders.toSorted().join() === '0,2') break;
      expect(reloads, `sockets per replica ${holders.join(', ')} after ${reloads} reloads`).toBeLessThan(20);
      if (reloads % 2 === 1) await fetch(`${nginx.url}/healthz`);
      await logs.reload();
      reloads++;
      await expect(logs.getByRole('status', { name: 'Stream status' })).toHaveText('Live');
      await expect.poll(() => newestLine(logs), { timeout: 15_000 }).toBeGreaterThan(5);
    }
    const victim = holders[0] === 2 ? 0 : 1;
    const killed = replicas[victim] as RunningBackend;
    const survivor = replicas[1 - victim] as RunningBackend;

    // Freeze the replica first (SIGSTOP): the tabs' sockets stay open but nothing comes through them, so
    // what changes now (a create, a delete, the log's next lines) can only reach the tabs by the resume
    // on the other replica, from where each tab stood. Then SIGKILL: no goodbye to the sockets.
    killed.child.kill('SIGSTOP');
    await createConfigMap('after-0');
    await admin.must('DELETE', `/api/v1/namespaces/${namespace}/configmaps/before-0`);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await expect(rowOf(page, 'after-0')).toHaveCount(0);
    await expect(rowOf(page, 'before-0')).toHaveCount(1);
    const lineAtKill = await newestLine(logs);
    const killedAt = Date.now();
    killed.child.kill('SIGKILL');
    const [rowAfter, lineAfter] = await Promise.all([
      rowOf(page, 'after-0')
        .waitFor({ timeout: 30_000 })
        .then(() => Date.now() - killedAt),
      expect
        .poll(() => newestLine(logs), { timeout: 30_000, intervals: [50] })
        .toBeGreaterThan(lineAtKill)
        .then(() => Date.now() - killedAt),
    ]);
    const after = Array.from({ length: 5 }, (_, i) => `after-${i + 1}`);
    for (const name of after) await createConfigMap(name);

    // Both sockets are on the survivor now.
    await expect.poll(() => socketsOf(survivor, cookie), { timeout: 30_000 }).toBe(2);

    // The list: exactly what the API server lists, each ConfigMap once; the delete made while the
    // socket was down is shown too.
    await expect(rowOf(page, 'before-0')).toHaveCount(0);
    for (const name of [...before.slice(1), 'after-0', ...after]) {
      await expect(rowOf(page, name), `${name} shown once`).toHaveCount(1);
    }
    const listed = (await kubectl(env, 'get', 'configmaps', '-n', namespace, '-o', 'name'))
      .trim()
      .split('\n')
      .map((line) => line.replace('configmap/', ''));
    await expect(page.getByTestId('resource-count')).toHaveAttribute('data-total', String(listed.length));
    await expect(page.getByTestId('resource-row')).toHaveCount(listed.length);
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');

    // The log: a few more lines past the kill, then every line the view holds is the next number.
    const resumedAt = await newestLine(logs);
    await expect.poll(() => newestLine(logs), { timeout: 15_000 }).toBeGreaterThan(resumedAt + 5);
    await expect(logs.getByRole('status', { name: 'Stream status' })).toHaveText('Live');
    const numbers = (await shownLines(logs)).map((line) => Number(/^line (\d+)$/.exec(line)?.[1]));
    const first = numbers[0] ?? Number.NaN;
    expect(first).toBeLessThan(lineAtKill);
    expect(numbers.at(-1)).toBeGreaterThan(lineAtKill + 5);
    expect(numbers).toEqual(numbers.map((_, i) => first + i));

    // Still logged in, in both tabs, and a reload (a new page load, served by the survivor) keeps it.
    await expectLoggedIn(page);
    await expectLoggedIn(logs);
    await logs.reload();
    await expectLoggedIn(logs);
    await expect(logList(logs)).toContainText('line');

    console.log(
      `replicas behind nginx in Chromium (SIGKILL the replica holding both tabs' sockets): first new row ` +
        `${rowAfter} ms after the kill, first new log line ${lineAfter} ms after; ` +
        `${numbers.length} log lines consecutive (${first}..${numbers.at(-1)}), ${listed.length} ConfigMaps; ` +
        `${reloads} reload(s) of the log tab to put both sockets on one replica`,
    );
  });

  test("through nginx, a page of another origin on the same host (another port) cannot open the session's socket", async ({
    page,
    context,
  }) => {
    await logIn(page, clusterPage(nginx.url, env.contexts.admin));
    const socketURL = `${nginx.url.replace(/^http/, 'ws')}/ws`;
    // Porthole's own page opens it (the control: the cookie and nginx's Host make it work)...
    expect(await socketFrom(page, socketURL)).toBe('open');
    // ...a page served on another port of 127.0.0.1 is same-site, so the browser sends the session cookie
    // with its socket too: the replica must refuse it by its Origin.
    const other = await context.newPage();
    await other.goto(`${env.baseURL}/healthz`);
    expect(await socketFrom(other, socketURL)).not.toBe('open');
  });
});
