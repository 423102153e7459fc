import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type ClusterSummary, clusterListSchema } from '@porthole/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClusterRegistry } from './registry.ts';
import { createClusterRoutes } from './routes.ts';

describe('createClusterRoutes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'porthole-routes-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('answers GET / from the live registry, so a kubeconfig edit shows', async () => {
    const path = join(dir, 'config');
    const text = (name: string) => `
clusters: [{ name: c, cluster: { server: 'https://c.example' } }]
users: [{ name: u, user: { token: routes-secret } }]
contexts: [{ name: ${name}, context: { cluster: c, user: u } }]
`;
    await writeFile(path, text('before'));
    const registry = await createClusterRegistry({ kubeconfigs: [path] });
    try {
      const routes = createClusterRoutes(registry);
      const get = async (): Promise<ClusterSummary[]> =>
        clusterListSchema.parse(await (await routes.request('/')).json());
      expect((await get()).map((c) => c.name)).toEqual(['before']);

      await writeFile(path, text('after'));
      const start = performance.now();
      let names: string[] = [];
      while (performance.now() - start < 10_000) {
        names = (await get()).map((c) => c.name);
        if (names[0] === 'after') break;
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(names).toEqual(['after']);
      expect(await (await routes.request('/')).text()).not.toContain('routes-secret');
    } finally {
      await registry.close();
    }
  });
});
