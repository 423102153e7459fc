// @vitest-environment happy-dom
import type { KubeObject } from '@porthole/sdk';
import {
  createTestPorthole,
  renderTab,
  resourceContextOf,
  type TestHttpRequest,
} from '@porthole/sdk/testing';
import { describe, expect, it, vi } from 'vitest';
import plugin from '../plugin.ts';

// The Jobs tab, rendered with the SDK's test kit on objects held in memory: no cluster, no shell.
const cronJob: KubeObject = {
  apiVersion: 'batch/v1beta1',
  kind: 'CronJob',
  metadata: { name: 'nightly', namespace: 'web', uid: 'cj-nightly' },
  spec: { schedule: '0 3 * * *', jobTemplate: { spec: {} } },
};

function job(name: string, startTime: string, owner = 'cj-nightly'): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: 'web',
      uid: `job-${name}`,
      creationTimestamp: startTime,
      ownerReferences: [
        { apiVersion: 'batch/v1beta1', kind: 'CronJob', name: 'x', uid: owner, controller: true },
      ],
    },
    status: { startTime, completionTime: startTime, succeeded: 1 },
  };
}

/** What the cluster answers over HTTP: discovery of batch/v1beta1 CronJobs, and every access review allowed. */
function cluster({ method, path }: TestHttpRequest): unknown {
  if (path === '/clusters/test/api/v1') return { kind: 'APIResourceList', groupVersion: 'v1', resources: [] };
  if (path === '/clusters/test/apis')
    return {
      kind: 'APIGroupList',
      groups: [
        {
          name: 'batch',
          versions: [{ groupVersion: 'batch/v1beta1', version: 'v1beta1' }],
          preferredVersion: { groupVersion: 'batch/v1beta1', version: 'v1beta1' },
        },
      ],
    };
  if (path === '/clusters/test/apis/batch/v1beta1')
    return {
      kind: 'APIResourceList',
      groupVersion: 'batch/v1beta1',
      resources: [{ name: 'cronjobs', kind: 'CronJob', namespaced: true, verbs: ['get', 'list', 'patch'] }],
    };
  if (method === 'POST' && path.endsWith('/selfsubjectaccessreviews')) return { status: { allowed: true } };
  return undefined;
}

/** The rows the Jobs table reports to assistive technology (its header row not counted). */
const jobRows = (root: HTMLElement) => {
  const table = root.querySelector('table[aria-label="Jobs"]');
  return table ? Number(table.getAttribute('aria-rowcount')) - 1 : 0;
};

describe('JobsTab', () => {
  // happy-dom does no layout, so the virtualised table renders no row elements: the test reads the
  // table's aria-rowcount, which counts every row whatever is scrolled into view.
  it("counts only the CronJob's own Jobs, live as Jobs appear and go", async () => {
    const test = createTestPorthole({
      objects: [job('other-1', '2026-01-02T03:00:00Z', 'cj-other')],
      http: cluster,
    });
    const context = resourceContextOf(cronJob, { cluster: 'test', resource: 'cronjobs' });
    const view = await renderTab(plugin, 'Jobs', context, test);
    await vi.waitFor(() => expect(view.container.textContent).toContain('No Jobs'));
    test.objects.put('test', job('nightly-1', '2026-01-01T03:00:00Z'));
    await vi.waitFor(() => expect(jobRows(view.container)).toBe(1));
    test.objects.put('test', job('nightly-2', '2026-01-02T03:00:00Z'));
    await vi.waitFor(() => expect(jobRows(view.container)).toBe(2));
    test.objects.remove('test', job('nightly-1', '2026-01-01T03:00:00Z'));
    await vi.waitFor(() => expect(jobRows(view.container)).toBe(1));
    // The actions on top are enabled: the test's cluster allows every access review.
    const run = Array.from(view.container.querySelectorAll('button')).find(
      (b) => b.textContent === 'Run now',
    );
    await vi.waitFor(() => expect(run?.disabled).toBe(false));
    expect(test.requests.some((r) => r.path.endsWith('/selfsubjectaccessreviews'))).toBe(true);
    view.unmount();
    test.close();
  });
});
