import { startHungServer, waitFor } from '@porthole/testcluster';
import { describe, expect, it } from 'vitest';
import { createAgentPool } from '../proxy/agent-pool.ts';
import { staticTokenCredentials, testContext, unchangedHeaders } from '../proxy/test-backend.ts';
import { execPath, startExecStream } from './exec-stream.ts';
import type { UpstreamFailure } from './watch-request.ts';

describe('execPath', () => {
  it('repeats command, asks for stdout and stderr without a tty', () => {
    const url = new URL(
      execPath({
        namespace: 'demo',
        pod: 'web',
        command: ['sh', '-c', 'echo a&b'],
        tty: false,
        stdin: false,
      }),
      'https://x',
    );
    expect(url.pathname).toBe('/api/v1/namespaces/demo/pods/web/exec');
    expect(url.searchParams.getAll('command')).toEqual(['sh', '-c', 'echo a&b']);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      stdin: 'false',
      stdout: 'true',
      stderr: 'true',
      tty: 'false',
    });
    expect(url.searchParams.has('container')).toBe(false);
  });

  it('leaves stderr out with a tty and names the container', () => {
    const url = new URL(
      execPath({ namespace: 'demo', pod: 'web', container: 'app', command: ['sh'], tty: true, stdin: true }),
      'https://x',
    );
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      container: 'app',
      stdin: 'true',
      stderr: 'false',
      tty: 'true',
    });
  });
});

describe('startExecStream against a cluster that never answers', () => {
  it('fails with a 504 naming the context once its handshake has been silent for the response deadline', async () => {
    const hung = await startHungServer({ behaviour: 'silent' });
    const agents = createAgentPool();
    try {
      const started = performance.now();
      const failure = await new Promise<UpstreamFailure>((resolve, reject) => {
        startExecStream({
          transport: {
            context: testContext({ name: 'stuck', server: hung.server, caPem: hung.caPem, token: 't' }),
            credentials: staticTokenCredentials(),
            adapterFor: () => unchangedHeaders,
            agents,
            deadlines: { responseMs: 600 },
          },
          request: {
            op: 'exec',
            id: 1,
            cluster: 'stuck',
            namespace: 'demo',
            pod: 'web',
            command: ['sh'],
            tty: true,
            stdin: true,
          },
          onOpen: () => reject(new Error('opened')),
          onOutput: () => {},
          onExit: () => reject(new Error('exited')),
          onError: resolve,
        });
      });
      expect(failure).toMatchObject({ code: 504, reason: 'Timeout' });
      expect(failure.message).toContain('cluster "stuck"');
      expect(failure.message).toContain('no response after 0.6 s');
      expect(performance.now() - started).toBeGreaterThanOrEqual(500);
      await waitFor('the silent server to see the connection closed', () => hung.connections() === 0, 5_000);
    } finally {
      agents.close();
      await hung.close();
    }
  });
});
