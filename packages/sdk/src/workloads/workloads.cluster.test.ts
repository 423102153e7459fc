import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type RunningBackend, startBackend } from '@porthole/backend/testing';
import { isStatusError } from '@porthole/protocol';
import { start, type TestCluster } from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient } from '../http/http-client.ts';
import type { ObjectRef } from '../http/resource-path.ts';
import { createResources } from '../http/resources.ts';
import { isCordoned, setNodeSchedulable } from './cordon.ts';
import { restartedAtAnnotation, restartRollout } from './rollout-restart.ts';
import { readScale, scaleTo } from './scale.ts';

const run = promisify(execFile);

/** The workload actions through the real `porthole serve` and API server, kubectl as the oracle. */
describe('scaleTo, restartRollout and setNodeSchedulable', () => {
  let cluster: TestCluster;
  let backend: RunningBackend;
  const kubectl = async (...args: string[]) =>
    (await run('kubectl', ['--kubeconfig', cluster.kubeconfigPath, '-n', 'default', ...args])).stdout;
  /** The SDK's HTTP client (the user is the ref's context); `sent` records each request's method and path. */
  const client = (sent: string[] = []): HttpClient => {
    const inner = createHttpClient({ baseUrl: backend.url });
    return {
      request: (request) => {
        sent.push(`${request.method ?? 'GET'} ${request.path}`);
        return inner.request(request);
      },
    };
  };
  const deployment = (user: 'admin' | 'viewer', name: string): ObjectRef => ({
    cluster: cluster.contexts[user],
    group: 'apps',
    version: 'v1',
    resource: 'deployments',
    namespace: 'default',
    name,
  });
  const replicas = async (name: string) =>
    Number(await kubectl('get', 'deployment', name, '-o', 'jsonpath={.spec.replicas}'));
  const create = (name: string, ...more: string[]) =>
    kubectl('create', 'deployment', name, '--image=busybox:1.36', '--replicas=2', ...more);

  beforeAll(async () => {
    cluster = await start({ name: 'sdk-workloads', kubelet: false });
    backend = await startBackend({ kubeconfigs: [cluster.kubeconfigPath] });
  }, 120_000);
  afterAll(async () => {
    await backend?.stop();
    await cluster?.stop();
  });

  it('scales through the scale subresource and kubectl sees the new count', async () => {
    await create('scaled');
    const http = client();
    await expect(readScale(http, deployment('admin', 'scaled'))).resolves.toMatchObject({ desired: 2 });
    const written = await scaleTo(http, deployment('admin', 'scaled'), 3, { expected: 2 });
    expect(written.desired).toBe(3);
    expect(await replicas('scaled')).toBe(3);
    await scaleTo(http, deployment('admin', 'scaled'), '0');
    expect(await replicas('scaled')).toBe(0);
  });

  it('refuses a count someone else changed since it was shown (409) and writes nothing', async () => {
    await create('raced');
    await kubectl('scale', 'deployment', 'raced', '--replicas=5');
    const sent: string[] = [];
    const err = await scaleTo(client(sent), deployment('admin', 'raced'), 3, { expected: 2 }).catch(
      (e: unknown) => e,
    );
    expect(isStatusError(err) && err.code).toBe(409);
    expect(String(err)).toContain('changed from 2 to 5');
    expect(sent.filter((s) => s.startsWith('PUT'))).toEqual([]);
    expect(await replicas('raced')).toBe(5);
  });

  it('refuses -1, "abc" and huge counts before sending anything', async () => {
    await create('guarded');
    const sent: string[] = [];
    for (const bad of [-1, 'abc', 1e12, '2147483648', '1; DROP']) {
      const err = await scaleTo(client(sent), deployment('admin', 'guarded'), bad).catch((e: unknown) => e);
      expect(isStatusError(err) && err.code).toBe(422);
    }
    expect(sent).toEqual([]);
    expect(await replicas('guarded')).toBe(2);
  });

  it("is refused for the read-only viewer with the API server's 403, and nothing changes", async () => {
    await create('viewed');
    const err = await scaleTo(client(), deployment('viewer', 'viewed'), 4).catch((e: unknown) => e);
    expect(isStatusError(err) && err.code).toBe(403);
    const restart = await restartRollout(createResources(client()), deployment('viewer', 'viewed')).catch(
      (e: unknown) => e,
    );
    expect(isStatusError(restart) && restart.code).toBe(403);
    expect(await replicas('viewed')).toBe(2);
  });

  it("restarts a rollout with kubectl's annotation, which kubectl then reads back", async () => {
    await create('restarted');
    const at = new Date('2026-03-04T05:06:07.890Z');
    await restartRollout(createResources(client()), deployment('admin', 'restarted'), at);
    const annotations = JSON.parse(
      await kubectl('get', 'deployment', 'restarted', '-o', 'jsonpath={.spec.template.metadata.annotations}'),
    ) as Record<string, string>;
    expect(annotations[restartedAtAnnotation]).toBe('2026-03-04T05:06:07Z');
  });

  it('restarts a StatefulSet and a DaemonSet as kubectl would: the annotation on their pod template', async () => {
    const resources = createResources(client());
    const template = (name: string) => ({
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
      },
    });
    const at = new Date('2026-05-06T07:08:09.000Z');
    for (const [resource, kind, spec] of [
      ['statefulsets', 'StatefulSet', { serviceName: 'db', replicas: 1, ...template('db') }],
      ['daemonsets', 'DaemonSet', template('agent')],
    ] as const) {
      const name = kind === 'StatefulSet' ? 'db' : 'agent';
      const ref = { ...deployment('admin', name), resource };
      const { name: _, ...collection } = ref;
      await resources.create(collection, { apiVersion: 'apps/v1', kind, metadata: { name }, spec });
      await restartRollout(resources, ref, at);
      const annotations = JSON.parse(
        await kubectl('get', resource, name, '-o', 'jsonpath={.spec.template.metadata.annotations}'),
      ) as Record<string, string>;
      expect(annotations, kind).toEqual({ [restartedAtAnnotation]: '2026-05-06T07:08:09Z' });
    }
  });

  it('refuses to restart a paused Deployment or a kind without rollouts, writing nothing', async () => {
    await create('paused');
    await kubectl('rollout', 'pause', 'deployment', 'paused');
    const resources = createResources(client());
    await expect(restartRollout(resources, deployment('admin', 'paused'))).rejects.toMatchObject({
      code: 400,
      message: expect.stringContaining("can't restart paused deployment"),
    });
    const cm = { ...deployment('admin', 'x'), group: '', resource: 'configmaps' };
    await expect(restartRollout(resources, cm)).rejects.toMatchObject({ code: 405 });
    expect(
      await kubectl('get', 'deployment', 'paused', '-o', 'jsonpath={.spec.template.metadata.annotations}'),
    ).toBe('');
  });

  it('cordons and uncordons a Node as kubectl reads it', async () => {
    const node = 'workload-node';
    const resources = createResources(client());
    await resources.create(
      { cluster: cluster.contexts.admin, group: '', version: 'v1', resource: 'nodes' },
      { apiVersion: 'v1', kind: 'Node', metadata: { name: node } },
    );
    const cordoned = await setNodeSchedulable(resources, cluster.contexts.admin, node, false);
    expect(isCordoned(cordoned)).toBe(true);
    expect(await kubectl('get', 'node', node, '-o', 'jsonpath={.spec.unschedulable}')).toBe('true');
    const uncordoned = await setNodeSchedulable(resources, cluster.contexts.admin, node, true);
    expect(isCordoned(uncordoned)).toBe(false);
    expect(await kubectl('get', 'node', node, '-o', 'jsonpath={.spec.unschedulable}')).toBe('');
  });
});
