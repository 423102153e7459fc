import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from './wait.ts';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/porthole-testcluster.js', import.meta.url));
const cli = (...args: string[]) => run(process.execPath, [bin, ...args], { env: { ...process.env } });

interface Item {
  metadata: { name: string; namespace: string };
  spec?: { suspend?: boolean };
  status?: { phase?: string };
}

async function kubectl(kubeconfig: string, ...args: string[]): Promise<Item[]> {
  const { stdout } = await run('kubectl', ['--kubeconfig', kubeconfig, ...args, '-o', 'json']);
  return (JSON.parse(stdout) as { items: Item[] }).items;
}

describe('porthole-testcluster (CLI)', () => {
  const name = 'cli-test';
  afterAll(() => cli('down', '--name', name).catch(() => undefined));

  it('starts a seeded cluster in the background, prints its kubeconfig last, and stops it with down', async () => {
    const up = await cli('up', '--name', name, '--seed');
    const kubeconfig = up.stdout.trim().split('\n').at(-1)!;
    expect(kubeconfig).toMatch(/kubeconfig$/);

    // kubectl is the oracle: the seed's workloads are there, and their pods really run.
    const deployments = await kubectl(kubeconfig, 'get', 'deployments', '-A');
    expect(deployments.map((d) => `${d.metadata.namespace}/${d.metadata.name}`).sort()).toEqual([
      'demo/web',
      'payments/ledger',
      'team-a/api',
    ]);
    const cronJobs = await kubectl(kubeconfig, 'get', 'cronjobs.v1beta1.batch', '-A');
    expect(Object.fromEntries(cronJobs.map((c) => [c.metadata.name, c.spec?.suspend]))).toEqual({
      heartbeat: false,
      'nightly-report': true,
      'flaky-import': false,
    });
    const running = await waitFor('four running pods', async () => {
      const pods = await kubectl(kubeconfig, 'get', 'pods', '-A');
      const up = pods.filter((p) => p.status?.phase === 'Running');
      return up.length >= 4 && up;
    });
    expect(running.length).toBeGreaterThanOrEqual(4);
    const { stdout: logs } = await waitFor('web logs', async () => {
      const out = await run('kubectl', ['--kubeconfig', kubeconfig, 'logs', '-n', 'demo', 'deployment/web']);
      return out.stdout.includes('GET /healthz 200') && out;
    });
    expect(logs).toMatch(/\d\d:\d\d:\d\d GET \/healthz 200/);

    const status = JSON.parse((await cli('status', '--name', name)).stdout) as { pid: number };
    await cli('down', '--name', name);
    expect(() => process.kill(status.pid, 0)).toThrow();
    await expect(cli('status', '--name', name)).rejects.toThrow();
  });

  it('stops a cluster by itself once its --owner-pid is gone', async () => {
    const owner = spawn('sleep', ['600']);
    await cli('up', '--name', `${name}-owned`, '--owner-pid', String(owner.pid));
    const { pid } = JSON.parse((await cli('status', '--name', `${name}-owned`)).stdout) as { pid: number };
    owner.kill('SIGKILL');
    await waitFor('the supervisor to stop', () => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    });
    await expect(cli('status', '--name', `${name}-owned`)).rejects.toThrow();
  });
});
