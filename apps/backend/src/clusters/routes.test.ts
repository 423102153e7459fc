import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type ClusterSummary, clusterListSchema, kubeconfigFileListSchema } from '@porthole/protocol';
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

describe('GET /files', () => {
  it('says which file is ok, missing or invalid (line and column), without a credential', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'porthole-files-'));
    try {
      const good = join(dir, 'good');
      const broken = join(dir, 'broken');
      await writeFile(good, 'users: [{ name: u, user: { token: files-secret } }]\n');
      await writeFile(broken, 'contexts:\n  - name: x\n   context: [\n');
      const registry = await createClusterRegistry({ kubeconfigs: [good, join(dir, 'gone'), broken] });
      try {
        const res = await createClusterRoutes(registry).request('/files');
        expect(res.status).toBe(200);
        const text = await res.text();
        expect(text).not.toContain('files-secret');
        const files = kubeconfigFileListSchema.parse(JSON.parse(text));
        expect(files.map((f) => [f.state, f.order])).toEqual([
          ['ok', 0],
          ['missing', 1],
          ['invalid', 2],
        ]);
        expect(files[2]?.line).toBeGreaterThan(0);
        expect(files[2]?.column).toBeGreaterThan(0);
      } finally {
        await registry.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('POST /health/check', () => {
  it('checks only contexts that exist, and answers hostile bodies with a 400 Status', async () => {
    const asked: (readonly string[] | undefined)[] = [];
    const health = {
      list: () => [{ name: 'prod', state: 'checking' as const }],
      check: (names?: readonly string[]) => asked.push(names),
    };
    const routes = createClusterRoutes({ list: () => [], files: () => [] }, health);
    const post = (body: string) =>
      routes.request('/health/check', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
    const ok = await post(JSON.stringify({ names: ['prod', '../../etc/passwd', '%2e%2e/x'] }));
    expect(ok.status).toBe(202);
    expect(await ok.json()).toEqual([{ name: 'prod', state: 'checking' }]);
    // The monitor ignores names it does not know (health-monitor.test.ts); the route passes them as data.
    expect(asked).toEqual([['prod', '../../etc/passwd', '%2e%2e/x']]);
    for (const bad of ['{', JSON.stringify({ names: 'prod' }), JSON.stringify({ names: [1] }), 'null']) {
      const res = await post(bad);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ kind: 'Status', code: 400 });
    }
    expect(asked).toHaveLength(1);
  });
});
