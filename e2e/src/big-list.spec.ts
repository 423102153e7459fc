import { expect, test } from '@playwright/test';
import { type KubeClient, waitFor } from '@porthole/testcluster';
import { adminKubeClient } from './editor-pages.ts';
import { type E2eEnvironment, e2eEnvironment } from './environment.ts';

// A list of 10,000 pods streams in: rows show while the page still says it is loading more (issue 17).
const suffix = Date.now().toString(36);
const namespace = `big-list-${suffix}`;
/** A Node with no kubelet: the pods are bound to it so the kubelet stand-in never runs them. */
const node = `big-list-node-${suffix}`;
const total = 10_000;

let env: E2eEnvironment;
let admin: KubeClient;

/** What the page showed at its first DOM change with rows and a "Loading more…" line together. */
interface PartialView {
  rows: number;
  progress: string;
  total: number;
}

test.describe('a list of 10,000 pods', () => {
  test.beforeAll(async () => {
    // 10,000 creates, 48 at a time: about 20 s on an idle 2-core machine, far more on a busy one.
    test.setTimeout(300_000);
    env = e2eEnvironment();
    admin = await adminKubeClient(env);
    await admin.must('POST', '/api/v1/nodes', { metadata: { name: node } });
    await admin.must('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
    const pod = (i: number) => ({
      metadata: { name: `pod-${String(i).padStart(5, '0')}` },
      spec: {
        nodeName: node,
        // The node never reports Ready: no eviction when the node controller taints it.
        tolerations: [{ operator: 'Exists' }],
        automountServiceAccountToken: false,
        containers: [{ name: 'main', image: 'busybox:1.36' }],
      },
    });
    // The namespace's default service account comes from the controller manager a moment later.
    await waitFor('the namespace to accept pods', async () => {
      const answer = await admin.request('POST', `/api/v1/namespaces/${namespace}/pods`, pod(0));
      return answer.status === 201 || undefined;
    });
    let next = 1;
    const worker = async () => {
      while (next < total) {
        const i = next++;
        await admin.must('POST', `/api/v1/namespaces/${namespace}/pods`, pod(i));
      }
    };
    await Promise.all(Array.from({ length: 48 }, worker));
  });

  test.afterAll(async () => {
    test.setTimeout(120_000);
    // Bound pods wait for their kubelet to confirm a delete: force them (grace 0), then the rest.
    await admin
      ?.request('DELETE', `/api/v1/namespaces/${namespace}/pods`, {
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        gracePeriodSeconds: 0,
      })
      .catch(() => {});
    await admin?.request('DELETE', `/api/v1/namespaces/${namespace}`).catch(() => {});
    await admin?.request('DELETE', `/api/v1/nodes/${node}`).catch(() => {});
  });

  test('shows its first rows while the rest is still loading, then the whole list live', async ({ page }) => {
    test.setTimeout(180_000);
    // Recorded in the page at the DOM change itself (a MutationObserver), so a state that lasts one
    // chunk is not missed. With one sync at the end there is never a row beside "Loading more…".
    // (Script text: e2e has no DOM lib.)
    await page.addInitScript(`(() => {
      const seen = {};
      window.__bigList = seen;
      new MutationObserver(() => {
        if (seen.partial) return;
        const progress = document.querySelector('[data-testid="list-progress"]');
        const rows = document.querySelectorAll('[data-testid="resource-row"]').length;
        const count = document.querySelector('[data-testid="resource-count"]');
        if (progress && rows > 0)
          seen.partial = { rows, progress: progress.textContent ?? '', total: Number(count?.getAttribute('data-total')) };
      }).observe(document, { subtree: true, childList: true, characterData: true });
    })()`);
    await page.goto(`${env.baseURL}/c/${encodeURIComponent(env.contexts.admin)}/r/core/v1/pods`);
    const count = page.getByTestId('resource-count');
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live', {
      timeout: 120_000,
    });
    const partial = (await page.evaluate('window.__bigList.partial')) as PartialView | undefined;
    expect(partial, 'rows were shown beside "Loading more…" before the list was complete').toBeDefined();
    expect(partial?.progress).toMatch(/^Loading more… [\d,]+ so far/);
    expect(partial?.total).toBeGreaterThan(0);
    expect(partial?.total).toBeLessThan(total);
    expect(partial?.rows).toBeGreaterThan(0);
    // Complete: every pod, no progress line, the rows still there.
    expect(Number(await count.getAttribute('data-total'))).toBeGreaterThanOrEqual(total);
    await expect(page.getByRole('status').filter({ hasText: 'Loading more' })).toHaveCount(0);
    await expect(page.getByTestId('resource-row').first()).toBeVisible();
    // Narrowed to the namespace: exactly the 10,000 created.
    await page.getByTestId('namespace-picker').selectOption(namespace);
    await expect(count).toHaveAttribute('data-total', String(total), { timeout: 60_000 });
  });
});
