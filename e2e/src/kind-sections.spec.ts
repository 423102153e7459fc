import { expect, test } from '@playwright/test';
import type { KubeClient } from '@porthole/testcluster';
import { adminKubeClient, detailURL, kubectl, kubectlJson } from './editor-pages.ts';
import { type E2eEnvironment, e2eEnvironment } from './environment.ts';
import { expectRunningPods } from './kind-pages.ts';

// The kind sections beyond workloads (Service, Job, Namespace, Node) and the list columns per kind
// (built-in, an Event's object link, a CRD's printer columns), kubectl as the oracle.

let env: E2eEnvironment;
let admin: KubeClient;
const suffix = Date.now().toString(36);
const namespace = `sections-${suffix}`;
const crdGroup = `kinds-${suffix}.example.com`;
const app = 'svc-web';

const listURL = (group: string, version: string, resource: string) =>
  `${env.productURL}/c/${encodeURIComponent(env.contexts.admin)}/r/${group}/${version}/${resource}`;

test.describe('kind sections and list columns', () => {
  test.beforeAll(async () => {
    env = e2eEnvironment();
    admin = await adminKubeClient(env);
    await admin.must('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
    await admin.must('POST', `/apis/apps/v1/namespaces/${namespace}/deployments`, {
      metadata: { name: app },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app } },
        template: {
          metadata: { labels: { app } },
          spec: {
            terminationGracePeriodSeconds: 1,
            containers: [
              {
                name: 'main',
                image: 'busybox:1.36',
                command: ['sleep', '3600'],
                ports: [{ containerPort: 8080, name: 'http' }],
              },
            ],
          },
        },
      },
    });
    await admin.must('POST', `/api/v1/namespaces/${namespace}/services`, {
      metadata: { name: 'web' },
      spec: { selector: { app }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    });
  });

  test.afterAll(async () => {
    await admin?.request('DELETE', `/api/v1/namespaces/${namespace}`);
    await admin?.request(
      'DELETE',
      `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.${crdGroup}`,
    );
    admin?.close();
  });

  test('a Service shows its type, cluster IP, ports, the pods it selects and its endpoints, live', async ({
    page,
  }) => {
    const service = await kubectlJson<{ spec: { clusterIP: string } }>(
      env,
      'service',
      'web',
      '-n',
      namespace,
    );
    await page.goto(detailURL(env, { resource: 'services', namespace, name: 'web' }));
    await expect(page.getByTestId('service-type')).toHaveText('ClusterIP');
    await expect(page.getByTestId('service-cluster-ip')).toHaveText(service.spec.clusterIP);
    await expect(page.getByTestId('service-ports')).toHaveText('80→8080/TCP http');
    await expect(page.getByTestId('service-selector')).toHaveText(`app=${app}`);
    await expectRunningPods(page, 'service-pod', 2);
    // The endpoints as kubectl reads them (the API server refuses the stand-in's loopback pod IPs as
    // endpoint addresses, so on this cluster the endpoints controller may leave them empty).
    type Endpoints = { subsets?: { addresses?: { ip: string }[]; ports?: { port: number }[] }[] };
    const endpoints = await kubectlJson<Endpoints>(env, 'endpoints', 'web', '-n', namespace);
    const expected = (endpoints.subsets ?? []).flatMap((s) =>
      (s.addresses ?? []).flatMap((a) => (s.ports ?? []).map((p) => `${a.ip}:${p.port}`)),
    );
    if (expected.length > 0)
      await expect(page.getByTestId('service-endpoints').getByRole('listitem')).toHaveText(expected);
    else await expect(page.getByTestId('service-endpoints')).toHaveText('None: no ready pod matches');
    await kubectl(env, 'scale', 'deployment', app, '-n', namespace, '--replicas=3');
    await expectRunningPods(page, 'service-pod', 3);
  });

  test('a Job shows completions, parallelism, duration and its pods', async ({ page }) => {
    test.setTimeout(60_000);
    await admin.must('POST', `/apis/batch/v1/namespaces/${namespace}/jobs`, {
      metadata: { name: 'twice' },
      spec: {
        completions: 2,
        parallelism: 1,
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'main', image: 'busybox', command: ['true'] }],
          },
        },
      },
    });
    await page.goto(detailURL(env, { group: 'batch', resource: 'jobs', namespace, name: 'twice' }));
    await expect(page.getByTestId('job-parallelism')).toHaveText('1');
    await expect(page.getByTestId('job-completions')).toHaveText('2 of 2', { timeout: 40_000 });
    await expect(page.getByTestId('job-state')).toHaveText('Complete');
    await expect(page.getByTestId('job-duration')).toHaveText(/^\d+s$/);
    await expect(page.getByTestId('job-pod-row')).toHaveCount(2);
    for (const row of await page.getByTestId('job-pod-row').all())
      await expect(row).toContainText('Completed');
  });

  test('a Namespace counts what it holds and shows its quotas', async ({ page }) => {
    await admin.must('POST', `/api/v1/namespaces/${namespace}/resourcequotas`, {
      metadata: { name: 'small' },
      spec: { hard: { pods: '10' } },
    });
    await page.goto(detailURL(env, { resource: 'namespaces', namespace: '_', name: namespace }));
    const count = (resource: string) =>
      page.locator(`[data-testid="namespace-count"][data-resource="${resource}"]`);
    await expect(count('deployments')).toHaveText('1');
    await expect(count('services')).toHaveText('1');
    const pods = (await kubectl(env, 'get', 'pods', '-n', namespace, '-o', 'name')).trim().split('\n').length;
    await expect(count('pods')).toHaveText(String(pods));
    await expect(page.getByTestId('namespace-quota-row')).toContainText(/pods \d+ of 10/);
  });

  test('a Node shows its capacity and the pods on it', async ({ page }) => {
    let nodeName = '';
    let podName = '';
    await expect(async () => {
      const pods = await kubectlJson<{
        items: { metadata: { name: string }; spec: { nodeName?: string } }[];
      }>(env, 'pods', '-n', namespace, '-l', `app=${app}`);
      const placed = pods.items.find((p) => p.spec.nodeName);
      nodeName = placed?.spec.nodeName ?? '';
      podName = placed?.metadata.name ?? '';
      expect(nodeName).not.toBe('');
    }).toPass({ timeout: 30_000 });
    await page.goto(detailURL(env, { resource: 'nodes', namespace: '_', name: nodeName }));
    await expect(page.getByTestId('node-capacity-row').first()).toBeVisible();
    await expect(page.getByTestId('node-pods').getByRole('link', { name: podName })).toBeVisible();
  });

  test('list columns follow kubectl -o wide: pods IP and node, deployments up-to-date, events link', async ({
    page,
  }) => {
    await page.goto(listURL('core', 'v1', 'pods'));
    await page.getByLabel('Name', { exact: true }).fill(app);
    const header = page.getByRole('columnheader');
    await expect(header.filter({ hasText: /^IP$/ })).toBeVisible();
    await expect(header.filter({ hasText: /^Node$/ })).toBeVisible();
    await expect(page.getByTestId('resource-row').first()).toContainText('127.0.0.1');

    await page.goto(listURL('apps', 'v1', 'deployments'));
    await page.getByLabel('Name', { exact: true }).fill(app);
    await expect(header.filter({ hasText: /^Up-to-date$/ })).toBeVisible();
    await expect(page.getByTestId('resource-row')).toContainText('busybox:1.36');

    await page.goto(listURL('core', 'v1', 'events'));
    await page.getByLabel('Name', { exact: true }).fill(`${app}.`);
    const deploymentLink = page
      .getByTestId('resource-row')
      .getByRole('link', { name: `Deployment/${app}`, exact: true })
      .first();
    await deploymentLink.click();
    await expect(page.getByTestId('detail-name')).toHaveText(app);
  });

  test("a custom resource's list has its CRD's printer columns", async ({ page }) => {
    await admin.must('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      metadata: { name: `widgets.${crdGroup}` },
      spec: {
        group: crdGroup,
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
            additionalPrinterColumns: [
              { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
              { name: 'Color', type: 'string', jsonPath: '.spec.color' },
            ],
          },
        ],
      },
    });
    await expect(async () => {
      await admin.must('POST', `/apis/${crdGroup}/v1/namespaces/${namespace}/widgets`, {
        apiVersion: `${crdGroup}/v1`,
        kind: 'Widget',
        metadata: { name: 'blue-one' },
        spec: { size: 3, color: 'blue' },
      });
    }).toPass({ timeout: 30_000 });
    await page.goto(listURL(crdGroup, 'v1', 'widgets'));
    await expect(page.getByRole('columnheader').filter({ hasText: /^Size$/ })).toBeVisible();
    await expect(page.getByRole('columnheader').filter({ hasText: /^Color$/ })).toBeVisible();
    await expect(page.getByTestId('resource-row')).toContainText('blue-one');
    await expect(page.getByTestId('resource-row')).toContainText('3');
    await expect(page.getByTestId('resource-row')).toContainText('blue');
  });
});
