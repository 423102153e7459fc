import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHungServer } from '@porthole/testcluster';
import { describe, expect, it } from 'vitest';
import { startBackend } from '../testing/start-backend.ts';
import { writeKubeconfig } from './serve-fixture.ts';

describe('porthole serve --response-timeout / --idle-timeout', () => {
  it('answers a cluster that never sends headers with a 504 after the flag-given deadline, and never at start-up', async () => {
    const hung = await startHungServer({ behaviour: 'no-headers' });
    const dir = await mkdtemp(join(tmpdir(), 'porthole-flags-'));
    const kubeconfig = join(dir, 'config');
    await writeKubeconfig(kubeconfig, {
      clusters: { hung: { server: hung.server, caPem: hung.caPem } },
      users: { someone: { token: 't' } },
      contexts: { hung: { cluster: 'hung', user: 'someone' } },
    });
    const backend = await startBackend({ kubeconfigs: [kubeconfig], args: ['--response-timeout', '700ms'] });
    try {
      // Start-up and the cluster list never connect to a cluster.
      const clusters = (await (await fetch(`${backend.url}/api/clusters`)).json()) as { name: string }[];
      expect(clusters.map((c) => c.name)).toEqual(['hung']);
      expect(hung.accepted()).toBe(0);

      const started = performance.now();
      const answer = await fetch(`${backend.url}/clusters/hung/api/v1/namespaces`);
      const body = (await answer.json()) as { message: string; reason: string };
      expect(answer.status).toBe(504);
      expect(body.reason).toBe('Timeout');
      expect(body.message).toBe(`cluster "hung" (${hung.server}) is not answering: no response after 0.7 s`);
      expect(performance.now() - started).toBeGreaterThanOrEqual(600);
    } finally {
      await backend.stop();
      await hung.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
