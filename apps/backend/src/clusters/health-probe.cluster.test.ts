import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type TestCluster } from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialProvider, createDistributionAdapters } from '../auth/index.ts';
import { createAgentPool } from '../proxy/index.ts';
import { probeContext } from './health-probe.ts';
import { type ClusterRegistry, createClusterRegistry } from './registry.ts';

describe('probeContext against a real API server', () => {
  let cluster: TestCluster;
  let dir: string;
  let registry: ClusterRegistry;
  const deps = {
    credentials: createCredentialProvider({}),
    adapterFor: createDistributionAdapters().adapterFor,
    agents: createAgentPool(),
    timeoutMs: 3000,
  };
  const probe = (name: string) => {
    const context = registry.get(name);
    if (!context) throw new Error(`no context ${name}`);
    return probeContext(deps, context);
  };

  beforeAll(async () => {
    cluster = await start({ name: 'health', controllerManager: false, kubelet: false });
    dir = await mkdtemp(join(tmpdir(), 'porthole-health-'));
    const first = await createClusterRegistry({ kubeconfigs: [cluster.kubeconfigPath] });
    const real = first.contexts()[0]?.cluster?.name;
    await first.close();
    // A second file joining the test cluster's definitions, as a person's kubeconfig list would.
    const extra = join(dir, 'extra.yaml');
    await writeFile(
      extra,
      `
clusters:
- { name: dead, cluster: { server: 'https://127.0.0.1:1' } }
- { name: nowhere, cluster: { server: 'https://no-such-host.invalid:6443' } }
users:
- { name: wrong, user: { token: not-a-valid-token } }
- { name: failing-exec, user: { exec: { apiVersion: client.authentication.k8s.io/v1, command: /bin/sh, args: ['-c', 'echo "token expired, run sso login" >&2; exit 3'] } } }
contexts:
- { name: bad-token, context: { cluster: ${real}, user: wrong } }
- { name: dead, context: { cluster: dead, user: wrong } }
- { name: dns, context: { cluster: nowhere, user: wrong } }
- { name: exec-fails, context: { cluster: ${real}, user: failing-exec } }
- { name: dangling, context: { cluster: undefined-cluster, user: wrong } }
`,
    );
    registry = await createClusterRegistry({ kubeconfigs: [cluster.kubeconfigPath, extra] });
  });
  afterAll(async () => {
    await registry?.close();
    deps.agents.close();
    await cluster?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('says a reachable cluster is ok, with its version and round-trip time', async () => {
    const admin = registry.list()[0]?.name ?? '';
    const health = await probe(admin);
    expect(health).toMatchObject({ name: admin, state: 'ok', reachable: true, credentials: 'ok' });
    expect(health.version).toMatch(/^v1\.20\./);
    expect(health.rttMs).toBeGreaterThanOrEqual(0);
  });

  it('says a bad token gets 401, without the token', async () => {
    const health = await probe('bad-token');
    expect(health).toMatchObject({ state: 'unauthorized', reachable: true, credentials: 'unauthorized' });
    expect(health.credentialsMessage).toMatch(/Unauthorized/);
    expect(JSON.stringify(health)).not.toContain('not-a-valid-token');
  });

  it('names the cause of an unreachable server: refused, DNS', async () => {
    expect(await probe('dead')).toMatchObject({
      state: 'unreachable',
      reachable: false,
      cause: 'connection refused',
    });
    const dns = await probe('dns');
    expect(dns).toMatchObject({ state: 'unreachable', reachable: false });
    expect(dns.cause).toMatch(/DNS lookup failed/);
  });

  it("gives a failed exec plugin's stderr, and calls a context with an undefined cluster unusable", async () => {
    const exec = await probe('exec-fails');
    expect(exec).toMatchObject({ state: 'unauthorized', credentials: 'failed' });
    expect(exec.credentialsMessage).toContain('token expired, run sso login');
    expect(await probe('dangling')).toMatchObject({ state: 'unusable' });
  });
});
