import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterListSchema, kubeconfigFileListSchema } from '@porthole/protocol';
import { start, type TestCluster } from '@porthole/testcluster';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/create-app.ts';
import { type ClusterRegistry, type ClusterRegistryOptions, createClusterRegistry } from './registry.ts';

function getJson(url: string, ca: string, token: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    get(url, { ca, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
}

describe('GET /api/clusters against a real cluster', () => {
  let cluster: TestCluster;
  let dir: string;
  beforeAll(async () => {
    // Only the kubeconfig is under test: no controller manager or kubelet needed.
    cluster = await start({ name: 'alpha', controllerManager: false, kubelet: false });
    dir = await mkdtemp(join(tmpdir(), 'porthole-clusters-'));
  });
  afterAll(async () => {
    await cluster?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  const registries: ClusterRegistry[] = [];
  afterEach(() => Promise.all(registries.splice(0).map((r) => r.close())));
  const registry = async (options: ClusterRegistryOptions) => {
    const created = await createClusterRegistry(options);
    registries.push(created);
    return created;
  };

  it("lists the three contexts with the cluster's server and no credential", async () => {
    const app = createApp({
      clusters: await registry({ kubeconfigs: [cluster.kubeconfigPath] }),
    });
    const res = await app.request('/api/clusters');
    expect(res.status).toBe(200);
    const text = await res.text();
    const clusters = clusterListSchema.parse(JSON.parse(text));
    expect(clusters.map(({ clusterName, user, ...rest }) => rest)).toEqual([
      {
        name: 'admin@alpha',
        server: cluster.server,
        distribution: 'kubernetes',
        namespace: 'default',
        source: cluster.kubeconfigPath,
      },
      {
        name: 'viewer@alpha',
        server: cluster.server,
        distribution: 'kubernetes',
        namespace: 'default',
        source: cluster.kubeconfigPath,
      },
      {
        name: 'team-a@alpha',
        server: cluster.server,
        distribution: 'kubernetes',
        namespace: 'team-a',
        source: cluster.kubeconfigPath,
      },
    ]);
    expect(clusters.map((c) => [c.clusterName, c.user])).toEqual([
      ['alpha', 'admin@alpha'],
      ['alpha', 'viewer@alpha'],
      ['alpha', 'team-a@alpha'],
    ]);
    for (const token of Object.values(cluster.tokens)) expect(text).not.toContain(token);
    expect(text).not.toContain('BEGIN CERTIFICATE');
    expect(text).not.toContain(Buffer.from(cluster.caPem).toString('base64').slice(0, 40));
  });

  it("resolves each context to the server, CA and token that the cluster's API server accepts", async () => {
    const clusters = await registry({ kubeconfigs: [cluster.kubeconfigPath] });
    const viewer = clusters.get('viewer@alpha');
    expect(viewer?.cluster?.config.caData).toBe(cluster.caPem);
    expect(viewer?.user?.config.token).toBe(cluster.tokens.viewer);
    const version = await getJson(
      `${viewer?.cluster?.config.server}/version`,
      viewer?.cluster?.config.caData ?? '',
      viewer?.user?.config.token ?? '',
    );
    expect(version).toMatchObject({ gitVersion: expect.stringMatching(/^v1\.20\./) });
    expect(clusters.currentContext()).toBe('admin@alpha');
  });

  it('keeps serving the good kubeconfig next to a broken one, reporting the broken file', async () => {
    const broken = join(dir, 'broken');
    await writeFile(broken, '\u0000\u0001 not a kubeconfig {{{');
    const app = createApp({
      clusters: await registry({ kubeconfigs: [broken, cluster.kubeconfigPath] }),
    });
    expect((await app.request('/healthz')).status).toBe(200);
    const res = await app.request('/api/clusters');
    expect(res.status).toBe(200);
    const clusters = clusterListSchema.parse(await res.json());
    expect(clusters.map((c) => c.name)).toEqual(['admin@alpha', 'viewer@alpha', 'team-a@alpha']);
    const files = kubeconfigFileListSchema.parse(await (await app.request('/api/clusters/files')).json());
    expect(files.map((f) => [f.path, f.state, f.keptLastGood])).toEqual([
      [broken, 'invalid', false],
      [cluster.kubeconfigPath, 'ok', false],
    ]);
    expect(files[0]?.message).toMatch(/^cannot be parsed/);
  });
});
