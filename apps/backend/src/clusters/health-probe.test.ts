import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContextHealth } from '@porthole/protocol';
import { type HungBehaviour, type HungServer, startHungServer, waitFor } from '@porthole/testcluster';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgentPool } from '../proxy/agent-pool.ts';
import { staticTokenCredentials, testContext, unchangedHeaders } from '../proxy/test-backend.ts';
import { defaultUpstreamDeadlines, type UpstreamDeadlines } from '../proxy/upstream-deadlines.ts';
import { writeKubeconfig } from '../serve/serve-fixture.ts';
import { csrfHeader } from '../server/security.ts';
import { serveInProcess } from '../testing/serve-in-process.ts';
import { probeContext } from './health-probe.ts';

// Probes of servers that accept and then hang (a real socket each, never an API server): the probe
// reads the proxy's deadlines, and a deadline that fires is an unreachable cluster naming the stage,
// not a credential failure.
let hung: HungServer | undefined;
const agents = createAgentPool();

afterEach(async () => {
  await hung?.close();
  hung = undefined;
});

async function probeHung(
  behaviour: HungBehaviour,
  timeoutMs: number,
  deadlines?: Partial<UpstreamDeadlines>,
) {
  hung = await startHungServer({ behaviour });
  const context = testContext({
    name: 'stuck',
    server: hung.server,
    caPem: hung.caPem,
    token: 'secret-token',
  });
  const deps = {
    credentials: staticTokenCredentials(),
    adapterFor: () => unchangedHeaders,
    agents,
    timeoutMs,
    ...(deadlines ? { deadlines } : {}),
  };
  return probeContext(deps, context);
}

describe('probeContext against a hanging server', () => {
  it('calls a TLS handshake deadline that fires unreachable, naming the stage (not a credential failure)', async () => {
    const health = await probeHung('silent', 5_000, { tlsHandshakeMs: 300 });
    expect(health).toMatchObject({ name: 'stuck', state: 'unreachable', reachable: false });
    expect(health.cause).toBe('no TLS handshake after 0.3 s');
    expect(health.credentials).toBeUndefined();
    expect(JSON.stringify(health)).not.toContain('secret-token');
  });

  it('calls a response deadline that fires unreachable, naming the stage', async () => {
    const health = await probeHung('no-headers', 5_000, { responseMs: 300 });
    expect(health).toMatchObject({
      state: 'unreachable',
      reachable: false,
      cause: 'no response after 0.3 s',
    });
  });

  it("says the probe's own time limit when it comes before every deadline", async () => {
    const health = await probeHung('no-headers', 400);
    expect(health).toMatchObject({ state: 'unreachable', reachable: false, cause: 'timed out after 400 ms' });
  });
});

describe("the console's health probes", () => {
  it("use the deadlines the console was given (porthole serve's deadline flags)", async () => {
    hung = await startHungServer({ behaviour: 'silent' });
    const dir = await mkdtemp(join(tmpdir(), 'porthole-probe-'));
    const kubeconfig = join(dir, 'config');
    await writeKubeconfig(kubeconfig, {
      clusters: { stuck: { server: hung.server, caPem: hung.caPem } },
      users: { someone: { token: 'secret-token' } },
      contexts: { stuck: { cluster: 'stuck', user: 'someone' } },
    });
    const backend = await serveInProcess({
      kubeconfigs: [kubeconfig],
      deadlines: { ...defaultUpstreamDeadlines, tlsHandshakeMs: 300 },
    });
    try {
      const check = await fetch(`${backend.url}/api/clusters/health/check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [csrfHeader]: '1' },
        body: JSON.stringify({ names: ['stuck'] }),
      });
      expect(check.status).toBe(202);
      const health = await waitFor('the probe of stuck', async () => {
        const list = (await (await fetch(`${backend.url}/api/clusters/health`)).json()) as ContextHealth[];
        const entry = list.find((e) => e.name === 'stuck');
        return entry?.state === 'checking' ? undefined : entry;
      });
      // Without the console's deadlines the probe would wait for its own 5 s limit instead.
      expect(health).toMatchObject({ state: 'unreachable', cause: 'no TLS handshake after 0.3 s' });
    } finally {
      await backend.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 15_000);
});
