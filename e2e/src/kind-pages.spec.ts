import { expect, type Page, test } from '@playwright/test';
import { deploymentOf, type KubeClient } from '@porthole/testcluster';
import { adminKubeClient, detailURL, kubectl, kubectlJson } from './editor-pages.ts';
import { type E2eEnvironment, e2eEnvironment } from './environment.ts';
import { expectRunningPods, podNames, tabTo } from './kind-pages.ts';
import { sidebar } from './navigation-pages.ts';
import { collectProblems } from './shell-pages.ts';

// Issue 15: pages that know their kind and the everyday actions, against the shared e2e cluster (its
// controller-manager runs the Deployment and ReplicaSet controllers; the kubelet stand-in runs the pods
// as local processes and finishes their deletes), kubectl as the oracle.

let env: E2eEnvironment;
let admin: KubeClient;
const suffix = Date.now().toString(36);
const namespace = `kinds-${suffix}`;
const node = `kinds-node-${suffix}`;

const deployment = (name: string, replicas: number) =>
  deploymentOf({ namespace, name, replicas, command: ['sleep', '3600'] });

const replicas = async (name: string) =>
  Number(await kubectl(env, 'get', 'deployment', name, '-n', namespace, '-o', 'jsonpath={.spec.replicas}'));

/** The product backend's start page, remembering the admin context as the one used last. */
async function startPage(page: Page) {
  await page.addInitScript(
    (cluster) => localStorage.setItem('porthole.cluster', cluster),
    env.contexts.admin,
  );
  await page.goto(`${env.productURL}/`);
  await expect(page).toHaveURL(new RegExp(`/c/${encodeURIComponent(env.contexts.admin)}`));
}

test.describe('pages that know their kind, and everyday actions', () => {
  test.beforeAll(async () => {
    env = e2eEnvironment();
    admin = await adminKubeClient(env);
    await admin.must('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
  });

  test.afterAll(async () => {
    await admin?.request('DELETE', `/api/v1/namespaces/${namespace}`);
    await admin?.request('DELETE', `/api/v1/nodes/${node}`);
    admin?.close();
  });

  test('1: by keyboard alone, from the start page to a Deployment, scale it to 3 and restart it', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const name = `kb-${suffix}`;
    await admin.must('POST', `/apis/apps/v1/namespaces/${namespace}/deployments`, deployment(name, 1));
    const problems = collectProblems(page);
    await startPage(page);

    // The sidebar's Deployments → the list filtered by name → Enter on the row.
    await tabTo(page, sidebar(page).getByRole('link', { name: 'Deployments', exact: true }));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('resource-list')).toBeVisible();
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
    await page.keyboard.press('/');
    await page.keyboard.type(name);
    await expect(page.getByTestId('resource-row')).toHaveCount(1);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('detail-name')).toHaveText(name);
    await expectRunningPods(page, 'workload-pod', 1);

    // Scale: the dialog shows the current count; type 3, Enter.
    await tabTo(page, page.getByRole('button', { name: 'Scale', exact: true }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Scale Deployment ${name}` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('scale-current')).toContainText('wants 1 replica');
    const input = dialog.getByLabel('Replicas');
    await expect(input).toBeFocused();
    await expect(input).toHaveValue('1');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(
      page.getByTestId('toast').filter({ hasText: `Scaled Deployment ${name} to 3` }),
    ).toBeVisible();
    expect(await replicas(name)).toBe(3);
    // Three pods appear, running, without a reload; the counts follow.
    await expectRunningPods(page, 'workload-pod', 3);
    await expect(page.getByTestId('count-desired')).toHaveText('3');
    await expect(page.getByTestId('count-available')).toHaveText('3');
    const before = await podNames(page, 'workload-pod');

    // Restart: confirm (Cancel has the focus first; Tab to the action), then new pods replace the old.
    await tabTo(page, page.getByRole('button', { name: 'Restart', exact: true }));
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: `Restart Deployment ${name}?` });
    await expect(confirm).toContainText('will be replaced by a new one');
    await tabTo(page, confirm.getByRole('button', { name: 'Restart pods' }));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('toast').filter({ hasText: `Restarted Deployment ${name}` })).toBeVisible();
    await expectRunningPods(page, 'workload-pod', 3, before);
    await expect(page.getByTestId('rollout-state')).toHaveText('Up to date: 3 replicas available', {
      timeout: 30_000,
    });
    const restartedAt = await kubectl(
      env,
      ...['get', 'deployment', name, '-n', namespace],
      '-o',
      'jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}',
    );
    expect(restartedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // Two revisions: the ReplicaSet before the restart and the one after.
    await expect(page.getByTestId('workload-revision-row')).toHaveCount(2);
    expect(problems.filter((p) => p.startsWith('page error'))).toEqual([]);
  });

  test('scale refuses -1, "abc" and a huge count with a clear error and changes nothing', async ({
    page,
  }) => {
    const name = `bad-${suffix}`;
    await admin.must('POST', `/apis/apps/v1/namespaces/${namespace}/deployments`, deployment(name, 2));
    await page.goto(detailURL(env, { group: 'apps', resource: 'deployments', namespace, name }));
    await page.getByRole('button', { name: 'Scale', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Scale Deployment ${name}` });
    const input = dialog.getByLabel('Replicas');
    await expect(input).toHaveValue('2');
    for (const bad of ['-1', 'abc', '99999999999']) {
      await input.fill(bad);
      await expect(input).toHaveAttribute('aria-invalid', 'true');
      await expect(dialog).toContainText(
        `"${bad}" is not a replica count: must be a whole number from 0 to 2147483647`,
      );
      const action = dialog.getByRole('button', { name: /^Scale to/ });
      await expect(action).toHaveAttribute('aria-disabled', 'true');
      await input.press('Enter');
      await action.click({ force: true });
      await expect(dialog).toBeVisible();
    }
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(await replicas(name)).toBe(2);
  });

  test("3: a Pod's page shows each container's image, state and restarts as kubectl reports them", async ({
    page,
  }) => {
    const name = `pod-${suffix}`;
    // `flaky` fails twice (exit 3), then stays up: 2 restarts, running, its last termination an Error.
    const flaky =
      'if [ -f two ]; then exec sleep 3600; fi; if [ -f one ]; then touch two; exit 3; fi; touch one; exit 3';
    await admin.must('POST', `/api/v1/namespaces/${namespace}/pods`, {
      metadata: { name },
      spec: {
        restartPolicy: 'OnFailure',
        containers: [
          { name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] },
          { name: 'flaky', image: 'registry.example/flaky:2', command: ['sh', '-c', flaky] },
        ],
      },
    });
    type PodJson = {
      spec: { nodeName?: string };
      status: {
        podIP?: string;
        containerStatuses?: {
          name: string;
          image: string;
          restartCount: number;
          state: Record<string, { reason?: string }>;
        }[];
      };
    };
    let pod: PodJson | undefined;
    await expect(async () => {
      pod = await kubectlJson<PodJson>(env, 'pod', name, '-n', namespace);
      const statuses = pod.status.containerStatuses ?? [];
      expect(statuses.find((c) => c.name === 'flaky')?.restartCount).toBe(2);
      expect(statuses.every((c) => 'running' in c.state)).toBe(true);
    }).toPass({ timeout: 60_000 });
    await page.goto(detailURL(env, { resource: 'pods', namespace, name }));
    for (const status of pod?.status.containerStatuses ?? []) {
      const card = page.getByRole('article', { name: `Container ${status.name}` });
      const [stateKey, state] = Object.entries(status.state)[0] ?? [];
      const word = stateKey === 'running' ? 'Running' : (state?.reason ?? '');
      await expect(card.getByTestId('container-image')).toHaveText(status.image);
      await expect(card.getByTestId('container-state')).toContainText(word);
      await expect(card.getByTestId('container-restarts')).toHaveText(String(status.restartCount));
    }
    const flakyCard = page.getByRole('article', { name: 'Container flaky' });
    await expect(flakyCard.getByTestId('container-last-termination')).toContainText('Error exit code 3');
    await expect(page.getByTestId('pod-node')).toHaveText(pod?.spec.nodeName ?? 'missing');
    await expect(page.getByTestId('pod-ip')).toHaveText(pod?.status.podIP || '–');
    await expect(page.getByTestId('pod-owner-chain')).toHaveText('Nothing (a bare pod)');
  });

  test('a Pod of a Deployment shows its owner chain, ReplicaSet then Deployment, as links', async ({
    page,
  }) => {
    const name = `owned-${suffix}`;
    await admin.must('POST', `/apis/apps/v1/namespaces/${namespace}/deployments`, deployment(name, 1));
    let podName = '';
    await expect(async () => {
      podName = (await kubectl(env, 'get', 'pods', '-n', namespace, '-l', `app=${name}`, '-o', 'name'))
        .trim()
        .replace('pod/', '');
      expect(podName).not.toBe('');
    }).toPass({ timeout: 30_000 });
    await page.goto(detailURL(env, { resource: 'pods', namespace, name: podName }));
    const chain = page.getByTestId('pod-owner-chain');
    await expect(chain.getByRole('link')).toHaveText([
      new RegExp(`^ReplicaSet/${name}-`),
      `Deployment/${name}`,
    ]);
    await chain.getByRole('link', { name: `Deployment/${name}` }).click();
    await expect(page.getByTestId('detail-name')).toHaveText(name);
  });

  test('4 (viewer half): viewer@demo sees Scale and Restart disabled with the reason, and nothing is sent', async ({
    page,
  }) => {
    const name = `viewed-${suffix}`;
    await admin.must('POST', `/apis/apps/v1/namespaces/${namespace}/deployments`, deployment(name, 1));
    const writes: string[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET' && r.url().includes('/deployments/')) writes.push(`${r.method()} ${r.url()}`);
    });
    await page.goto(
      detailURL(env, {
        cluster: env.contexts.viewer,
        group: 'apps',
        resource: 'deployments',
        namespace,
        name,
      }),
    );
    const scale = page.getByRole('button', { name: 'Scale', exact: true });
    const restart = page.getByRole('button', { name: 'Restart', exact: true });
    await expect(scale).toHaveAttribute('aria-disabled', 'true');
    await expect(scale).toHaveAccessibleDescription(
      `Not allowed: you may not update deployments.apps/scale "${name}" in namespace ${namespace}`,
    );
    await expect(restart).toHaveAttribute('aria-disabled', 'true');
    await expect(restart).toHaveAccessibleDescription(
      `Not allowed: you may not patch deployments.apps "${name}" in namespace ${namespace}`,
    );
    // Still focusable (so the reason can be read), but Enter and a forced click do nothing.
    await scale.focus();
    await page.keyboard.press('Enter');
    await scale.click({ force: true });
    await restart.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect(writes).toEqual([]);
    expect(await replicas(name)).toBe(1);
  });

  test('Cordon and Uncordon a Node, as kubectl then reads it, and the page follows', async ({ page }) => {
    await admin.must('POST', '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: node } });
    await page.goto(detailURL(env, { resource: 'nodes', namespace: '_', name: node }));
    await expect(page.getByTestId('node-scheduling')).toHaveText('Schedulable');
    await page.getByRole('button', { name: 'Cordon', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: `Cordon node ${node}?` });
    await expect(confirm).toContainText('No new pods will be scheduled');
    await confirm.getByRole('button', { name: 'Cordon node' }).click();
    await expect(page.getByTestId('toast').filter({ hasText: `Cordoned Node ${node}` })).toBeVisible();
    await expect(page.getByTestId('node-scheduling')).toHaveText('Cordoned: no new pods');
    expect(await kubectl(env, 'get', 'node', node, '-o', 'jsonpath={.spec.unschedulable}')).toBe('true');

    await page.getByRole('button', { name: 'Uncordon', exact: true }).click();
    await page
      .getByRole('dialog', { name: `Uncordon node ${node}?` })
      .getByRole('button', { name: 'Uncordon node' })
      .click();
    await expect(page.getByTestId('node-scheduling')).toHaveText('Schedulable');
    await expect(page.getByRole('button', { name: 'Cordon', exact: true })).toBeVisible();
    expect(await kubectl(env, 'get', 'node', node, '-o', 'jsonpath={.spec.unschedulable}')).toBe('');

    // ClusterRole view has no nodes: the viewer gets the page's "can't see" state and no Cordon.
    await page.goto(
      detailURL(env, { cluster: env.contexts.viewer, resource: 'nodes', namespace: '_', name: node }),
    );
    await expect(
      page.getByRole('heading', { name: `You can't see Node ${node} cluster-wide` }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: /^(Cordon|Uncordon)$/ })).toHaveCount(0);
  });
});
