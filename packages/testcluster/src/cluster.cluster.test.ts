import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type TestCluster } from './cluster.ts';
import { openExec } from './exec-client.ts';
import { runPod } from './pods.ts';
import { waitFor } from './wait.ts';

/** Processes whose command line or working directory mentions `dir`. */
function processesUsing(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      if (cmdline.includes(dir) || cwd.startsWith(dir)) found.push(`${pid}: ${cmdline}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

function execUrl(cluster: TestCluster, pod: string, command: string[], extra = '') {
  const params = command.map((c) => `command=${encodeURIComponent(c)}`).join('&');
  return `${cluster.server.replace('https:', 'wss:')}/api/v1/namespaces/default/pods/${pod}/exec?${params}&stdout=true&stderr=true${extra}`;
}

describe('start', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await start({ name: 'alpha' });
    await runPod(cluster.client(), { name: 'shell', command: ['sleep', '3600'] });
  });
  afterAll(() => cluster?.stop());

  it('gives viewer read access everywhere and a 403 when it creates a pod', async () => {
    const viewer = cluster.client('viewer');
    expect((await viewer.request('GET', '/api/v1/pods')).status).toBe(200);
    const res = await viewer.request<{ reason: string }>('POST', '/api/v1/namespaces/default/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'nope' },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
    });
    expect(res.status).toBe(403);
    expect(res.body.reason).toBe('Forbidden');
  });

  it('lets team-a write in namespace team-a and nowhere else', async () => {
    const teamA = cluster.client('team-a');
    const cm = (ns: string) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', namespace: ns },
      data: { a: '1' },
    });
    expect((await teamA.request('POST', '/api/v1/namespaces/team-a/configmaps', cm('team-a'))).status).toBe(
      201,
    );
    expect((await teamA.request('POST', '/api/v1/namespaces/default/configmaps', cm('default'))).status).toBe(
      403,
    );
    expect((await teamA.request('GET', '/api/v1/namespaces/default/configmaps')).status).toBe(403);
  });

  it('runs echo through the API server exec WebSocket (v4, bearer header) with the right stdout', async () => {
    const session = await openExec({
      url: execUrl(cluster, 'shell', ['echo', 'hello from exec']),
      token: cluster.tokens.admin,
      caPem: cluster.caPem,
    });
    const outcome = await session.done;
    expect(outcome.protocol).toBe('v4.channel.k8s.io');
    expect(outcome.stdout).toBe('hello from exec\n');
    expect(outcome.exitCode).toBe(0);
  });

  it('reports a non-zero exit code in the v4 status on channel 3', async () => {
    const session = await openExec({
      url: execUrl(cluster, 'shell', ['sh', '-c', 'echo oops >&2; exit 3']),
      token: cluster.tokens.admin,
      caPem: cluster.caPem,
    });
    const outcome = await session.done;
    expect(outcome.exitCode).toBe(3);
    expect(outcome.stderr).toBe('oops\n');
    expect(outcome.status).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode' });
  });

  it('gives a command run without stdin an immediate end of input', async () => {
    const session = await openExec({
      url: execUrl(cluster, 'shell', ['cat']),
      token: cluster.tokens.admin,
      caPem: cluster.caPem,
    });
    const outcome = await session.done;
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stdout).toBe('');
  });

  it('refuses an exec into a pod whose container has finished', async () => {
    await runPod(cluster.client(), { name: 'done', command: ['true'], restartPolicy: 'Never' });
    await waitFor('pod done to succeed', async () => {
      const pod = await cluster
        .client()
        .must<{ status?: { phase?: string } }>('GET', '/api/v1/namespaces/default/pods/done');
      return pod.status?.phase === 'Succeeded';
    });
    const refused = openExec({
      url: execUrl(cluster, 'done', ['echo', 'no']),
      token: cluster.tokens.admin,
      caPem: cluster.caPem,
    });
    await expect(refused).rejects.toMatchObject({ status: 400 });
  });

  it('speaks channel.k8s.io when a client offers only that', async () => {
    const session = await openExec({
      url: execUrl(cluster, 'shell', ['echo', 'v1']),
      token: cluster.tokens.admin,
      caPem: cluster.caPem,
      protocols: ['channel.k8s.io'],
    });
    const outcome = await session.done;
    expect(outcome.protocol).toBe('channel.k8s.io');
    expect(outcome.stdout).toBe('v1\n');
  });

  it('negotiates v5.channel.k8s.io through the API server, and a v5 stdin close gives the command EOF', async () => {
    const session = await openExec({
      url: execUrl(cluster, 'shell', ['sh', '-c', 'wc -c; exit 4'], '&stdin=true'),
      token: cluster.tokens.admin,
      caPem: cluster.caPem,
      protocols: ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'channel.k8s.io'],
    });
    expect(session.protocol).toBe('v5.channel.k8s.io');
    session.write('hello, ');
    session.write('v5\n');
    session.closeStdin();
    const outcome = await session.done;
    expect(outcome.stdout.trim()).toBe('10');
    expect(outcome.exitCode).toBe(4);
    expect(outcome.status).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode' });
  });

  it('gives an interactive shell a terminal whose size follows resize', async () => {
    const session = await openExec({
      url: execUrl(cluster, 'shell', ['sh'], '&stdin=true&tty=true'),
      token: cluster.tokens.admin,
      caPem: cluster.caPem,
    });
    session.resize(100, 40);
    session.write('stty size\n');
    await session.waitForStdout((out) => out.includes('40 100'));
    session.resize(132, 50);
    session.write('stty size; exit 7\n');
    await session.waitForStdout((out) => out.includes('50 132'));
    expect((await session.done).exitCode).toBe(7);
  });

  it('follows a pod log through the API server, streaming lines as they are printed', async () => {
    await runPod(cluster.client(), {
      name: 'ticker',
      command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.3; done'],
    });
    const lines: { text: string; at: number }[] = [];
    await new Promise<void>((resolve, reject) => {
      const req = request(
        `${cluster.server}/api/v1/namespaces/default/pods/ticker/log?follow=true`,
        { ca: cluster.caPem, headers: { Authorization: `Bearer ${cluster.tokens.admin}` } },
        (res) => {
          expect(res.statusCode).toBe(200);
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            for (const text of chunk.split('\n').filter(Boolean)) lines.push({ text, at: Date.now() });
            if (lines.length >= 6) {
              req.destroy();
              resolve();
            }
          });
        },
      );
      req.on('error', (err) => (lines.length >= 6 ? resolve() : reject(err)));
      req.end();
    });
    const numbers = lines.map((l) => Number(l.text.replace('tick ', '')));
    expect(numbers.slice(0, 6)).toEqual(numbers.slice(0, 6).map((_, i) => numbers[0]! + i));
    // streamed: the last line arrived well after the first, not all in one buffered response
    expect(lines[5]!.at - lines[0]!.at).toBeGreaterThan(600);
  });

  it('serves tailLines, timestamps and limitBytes on pod logs', async () => {
    const client = cluster.client();
    const tail = await client.request<string>(
      'GET',
      '/api/v1/namespaces/default/pods/ticker/log?tailLines=2&timestamps=true',
    );
    const tailLines = String(tail.body).trim().split('\n');
    expect(tailLines).toHaveLength(2);
    expect(tailLines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z tick \d+$/);
    const limited = await client.request<string>(
      'GET',
      '/api/v1/namespaces/default/pods/ticker/log?limitBytes=5',
    );
    expect(String(limited.body)).toBe('tick ');
  });
});

describe('start (two clusters)', () => {
  it("runs two independent clusters, each rejecting the other's tokens, and stop() leaves no process", async () => {
    const [a, b] = await Promise.all([start({ name: 'one' }), start({ name: 'two', kubelet: false })]);
    try {
      expect(a.server).not.toBe(b.server);
      expect((await a.client().request('GET', '/api/v1/namespaces')).status).toBe(200);
      expect((await b.client().request('GET', '/api/v1/namespaces')).status).toBe(200);
      const { createKubeClient } = await import('./kube-client.ts');
      const aWithBToken = createKubeClient({ server: a.server, caPem: a.caPem, token: b.tokens.admin });
      const bWithAToken = createKubeClient({ server: b.server, caPem: b.caPem, token: a.tokens.admin });
      expect((await aWithBToken.request('GET', '/api/v1/namespaces')).status).toBe(401);
      expect((await bWithAToken.request('GET', '/api/v1/namespaces')).status).toBe(401);
      aWithBToken.close();
      bWithAToken.close();
      await runPod(a.client(), { name: 'sleeper', command: ['sleep', '3600'] });
      expect(processesUsing(a.dir).length).toBeGreaterThanOrEqual(4); // etcd, apiserver, controller-manager, the pod
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(processesUsing(a.dir)).toEqual([]);
    expect(processesUsing(b.dir)).toEqual([]);
  });
});
