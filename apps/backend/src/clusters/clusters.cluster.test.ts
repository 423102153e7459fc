import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterListSchema } from '@porthole/protocol';
import { start, type TestCluster } from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/create-app.ts';
import { createClusterRegistry } from './registry.ts';

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

  it("lists the three contexts with the cluster's server and no credential", async () => {
    const app = createApp({
      clusters: await createClusterRegistry({ kubeconfigs: [cluster.kubeconfigPath] }),
    });
    const res = await app.request('/api/clusters');
    expect(res.status).toBe(200);
    const text = await res.text();
    const clusters = clusterListSchema.parse(JSON.parse(text));
    expect(clusters).toEqual([
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
    for (const token of Object.values(cluster.tokens)) expect(text).not.toContain(token);
    expect(text).not.toContain('BEGIN CERTIFICATE');
    expect(text).not.toContain(Buffer.from(cluster.caPem).toString('base64').slice(0, 40));
  });

  it('names a server that answers with the kubeconfig CA and token', async () => {
    const registry = await createClusterRegistry({ kubeconfigs: [cluster.kubeconfigPath] });
    const viewer = registry.list().find((c) => c.name === 'viewer@alpha');
    const version = await getJson(`${viewer?.server}/version`, cluster.caPem, cluster.tokens.viewer);
    expect(version).toMatchObject({ gitVersion: expect.stringMatching(/^v1\.20\./) });
  });

  it('keeps serving the good kubeconfig next to a broken one, reporting the broken file', async () => {
    const broken = join(dir, 'broken');
    await writeFile(broken, '\u0000\u0001 not a kubeconfig {{{');
    const app = createApp({
      clusters: await createClusterRegistry({ kubeconfigs: [broken, cluster.kubeconfigPath] }),
    });
    expect((await app.request('/healthz')).status).toBe(200);
    const res = await app.request('/api/clusters');
    expect(res.status).toBe(200);
    const clusters = clusterListSchema.parse(await res.json());
    expect(clusters.map((c) => c.name)).toEqual(['admin@alpha', 'viewer@alpha', 'team-a@alpha', broken]);
    expect(clusters.at(-1)).toMatchObject({
      source: broken,
      server: '',
      error: expect.stringMatching(/^kubeconfig .* cannot be parsed/),
    });
  });
});
