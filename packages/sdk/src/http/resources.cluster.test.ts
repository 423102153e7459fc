import { type RunningBackend, startBackend } from '@porthole/backend/testing';
import { isConflict, isInvalid, type StatusError } from '@porthole/protocol';
import { start, type TestCluster } from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscovery } from './discovery.ts';
import { createHttpClient } from './http-client.ts';
import { createResources } from './resources.ts';

/** The SDK in Node, through the real `porthole serve`, against a real API server. */
describe('createResources and createDiscovery', () => {
  let cluster: TestCluster;
  let backend: RunningBackend;
  let baseUrl: string;
  beforeAll(async () => {
    cluster = await start({ name: 'sdk', kubelet: false });
    backend = await startBackend({ kubeconfigs: [cluster.kubeconfigPath] });
    baseUrl = backend.url;
  });
  afterAll(async () => {
    await backend?.stop();
    await cluster?.stop();
  });

  const configMaps = () => ({
    cluster: cluster.contexts.admin,
    group: '',
    version: 'v1',
    resource: 'configmaps',
    namespace: 'default',
  });

  it('creates, gets, lists by label, patches and deletes, keeping unknown fields as raw JSON', async () => {
    const resources = createResources(createHttpClient({ baseUrl }));
    const created = await resources.create(configMaps(), {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'sdk-a', labels: { team: 'a' } },
      data: { x: '1' },
    });
    expect(created.metadata.uid).toBeTruthy();
    const got = await resources.get({ ...configMaps(), name: 'sdk-a' });
    expect(got.data).toEqual({ x: '1' });
    expect(typeof got.metadata.creationTimestamp).toBe('string'); // a string, not a Date
    await resources.create(configMaps(), {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'sdk-b', labels: { team: 'b' } },
    });
    const listed = await resources.list(configMaps(), { labelSelector: 'team=a' });
    expect(listed.items.map((i) => i.metadata.name)).toEqual(['sdk-a']);
    const patched = await resources.patch({ ...configMaps(), name: 'sdk-a' }, { data: { y: '2' } }, 'merge');
    expect(patched.data).toEqual({ x: '1', y: '2' });
    await resources.delete({ ...configMaps(), name: 'sdk-b' });
    await expect(resources.get({ ...configMaps(), name: 'sdk-b' })).rejects.toMatchObject({
      status: { code: 404 },
    });
  });

  it('deletes only while the precondition holds', async () => {
    const resources = createResources(createHttpClient({ baseUrl }));
    const error = await resources
      .delete({ ...configMaps(), name: 'sdk-a' }, { preconditions: { uid: 'not-the-uid' } })
      .catch((e: unknown) => e);
    expect(isConflict(error)).toBe(true);
    expect((await resources.get({ ...configMaps(), name: 'sdk-a' })).metadata.name).toBe('sdk-a');
  });

  it('dry-runs an invalid object: a 422 with the field paths, nothing written', async () => {
    const resources = createResources(createHttpClient({ baseUrl }));
    const error = (await resources
      .create(
        configMaps(),
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Not_Valid' } },
        { dryRun: true },
      )
      .catch((e: unknown) => e)) as StatusError;
    expect(isInvalid(error)).toBe(true);
    expect(error.status.details?.causes?.map((c) => c.field)).toContain('metadata.name');
    const ok = await resources.create(
      configMaps(),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry' } },
      { dryRun: true },
    );
    expect(ok.metadata.name).toBe('dry');
    await expect(resources.get({ ...configMaps(), name: 'dry' })).rejects.toMatchObject({
      status: { code: 404 },
    });
  });

  it('finds the served version of a kind: CronJob is batch/v1beta1 on this 1.20 cluster, Job batch/v1', async () => {
    const discovery = createDiscovery(createHttpClient({ baseUrl }));
    expect(await discovery.resourceFor(cluster.contexts.admin, 'batch', 'CronJob')).toMatchObject({
      version: 'v1beta1',
      resource: 'cronjobs',
      namespaced: true,
    });
    expect(await discovery.resourceFor(cluster.contexts.admin, 'batch', 'Job')).toMatchObject({
      version: 'v1',
      resource: 'jobs',
    });
    expect(await discovery.resourceFor(cluster.contexts.admin, '', 'Node')).toMatchObject({
      resource: 'nodes',
      namespaced: false,
    });
    expect(await discovery.resourceFor(cluster.contexts.admin, 'example.com', 'Widget')).toBeUndefined();
  });

  it("marks each resource of a group's preferred version: autoscaling/v1 on 1.20, not v2beta2", async () => {
    const all = await createDiscovery(createHttpClient({ baseUrl })).resources(cluster.contexts.admin);
    const hpa = all.filter((r) => r.resource === 'horizontalpodautoscalers');
    expect(hpa.filter((r) => r.preferred).map((r) => r.version)).toEqual(['v1']);
    expect(hpa.find((r) => r.version === 'v2beta2')?.preferred).toBe(false);
    expect(all.find((r) => r.group === '' && r.resource === 'configmaps')?.preferred).toBe(true);
  });

  it("rejects with the proxy's Status for an unknown cluster", async () => {
    const resources = createResources(createHttpClient({ baseUrl }));
    await expect(resources.get({ ...configMaps(), cluster: 'nope', name: 'x' })).rejects.toMatchObject({
      status: { code: 404, message: expect.stringContaining('nope') },
    });
  });
});
