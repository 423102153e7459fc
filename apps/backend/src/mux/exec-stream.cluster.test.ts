import { createHash, randomBytes } from 'node:crypto';
import type { ExecRequest } from '@porthole/protocol';
import { runPod, start, type TestCluster, waitFor } from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialProvider } from '../auth/upstream-credentials.ts';
import { type AgentPool, createAgentPool } from '../proxy/agent-pool.ts';
import { staticTokenCredentials, testContext, unchangedHeaders } from '../proxy/test-backend.ts';
import { type ExecStream, startExecStream } from './exec-stream.ts';
import type { UpstreamFailure, WatchTransport } from './watch-request.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface Outcome {
  protocol?: string;
  stdout: Buffer;
  stderr: Buffer;
  exit?: { code: number; message?: string | undefined };
  error?: UpstreamFailure;
  /** The most onOutput calls that were unsettled at once. */
  maxInFlight: number;
}

describe('startExecStream', () => {
  let cluster: TestCluster;
  let agents: AgentPool;
  let transport: WatchTransport;
  const streams: ExecStream[] = [];

  /** Starts an exec in pod `shell`; `done` resolves after onExit or onError. */
  function exec(request: Partial<ExecRequest> & { command: string[] }, slowMs = 0, via = transport) {
    const outcome: Outcome = { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), maxInFlight: 0 };
    const calls: string[] = [];
    let inFlight = 0;
    let settle: () => void = () => {};
    const done = new Promise<Outcome>((resolve) => {
      settle = () => resolve(outcome);
    });
    const stream = startExecStream({
      transport: via,
      request: {
        op: 'exec',
        id: 1,
        cluster: 'admin',
        namespace: 'default',
        pod: 'shell',
        tty: false,
        stdin: false,
        ...request,
      },
      onOpen(protocol) {
        calls.push('open');
        outcome.protocol = protocol;
      },
      async onOutput(channel, bytes) {
        outcome.maxInFlight = Math.max(outcome.maxInFlight, ++inFlight);
        const key = channel === 1 ? 'stdout' : 'stderr';
        outcome[key] = Buffer.concat([outcome[key], bytes]);
        if (slowMs > 0) await new Promise((resolve) => setTimeout(resolve, slowMs));
        inFlight--;
      },
      onExit(code, message) {
        calls.push('exit');
        outcome.exit = { code, message };
        settle();
      },
      onError(failure) {
        calls.push('error');
        outcome.error = failure;
        settle();
      },
    });
    streams.push(stream);
    return { stream, done, calls, outcome };
  }

  beforeAll(async () => {
    cluster = await start({ name: 'mux-exec' });
    agents = createAgentPool();
    transport = {
      context: testContext({
        name: 'admin',
        server: cluster.server,
        caPem: cluster.caPem,
        token: cluster.tokens.admin,
      }),
      credentials: staticTokenCredentials(),
      adapterFor: () => unchangedHeaders,
      agents,
    };
    await runPod(cluster.client(), { name: 'shell', command: ['sleep', '3600'] });
  });

  afterAll(async () => {
    for (const stream of streams) stream.cancel();
    agents?.close();
    await cluster?.stop();
  });

  it('runs echo through the API server, negotiating v5.channel.k8s.io, and exits 0', async () => {
    const { done, calls } = exec({ command: ['echo', 'hello from exec'] });
    const outcome = await done;
    expect(outcome.protocol).toBe('v5.channel.k8s.io');
    expect(outcome.stdout.toString()).toBe('hello from exec\n');
    expect(outcome.exit).toEqual({ code: 0, message: undefined });
    expect(calls).toEqual(['open', 'exit']);
  });

  it('reports a non-zero exit code from the status, with stderr on channel 2', async () => {
    const outcome = await exec({ command: ['sh', '-c', 'echo oops >&2; exit 3'] }).done;
    expect(outcome.exit?.code).toBe(3);
    expect(outcome.exit?.message).toContain('exit code 3');
    expect(outcome.stderr.toString()).toBe('oops\n');
    expect(outcome.stdout.length).toBe(0);
  });

  it('gives a tty the size sent with resize, before and after it started', async () => {
    const { stream, done, outcome } = exec({ command: ['sh'], tty: true, stdin: true });
    stream.resize(100, 40);
    void stream.write(Buffer.from('stty size\n'));
    await waitFor('the first size', () => outcome.stdout.toString().includes('40 100'));
    stream.resize(132, 50);
    void stream.write(Buffer.from('stty size; exit 7\n'));
    await done;
    expect(outcome.stdout.toString()).toContain('50 132');
    expect(outcome.exit?.code).toBe(7);
    expect(outcome.stderr.length).toBe(0);
  });

  it('ends stdin with the v5 close frame, so cat sees EOF', async () => {
    const { stream, done } = exec({ command: ['sh', '-c', 'cat | wc -c'], stdin: true });
    await stream.write(Buffer.from('hello, '));
    void stream.write(Buffer.from('world'));
    stream.closeStdin();
    const outcome = await done;
    expect(outcome.stdout.toString().trim()).toBe('12');
    expect(outcome.exit?.code).toBe(0);
  });

  it('delivers 1 MiB of output byte-exact, also to a slow consumer (one onOutput at a time)', async () => {
    const script = 'f=$(mktemp); head -c 1048576 /dev/urandom > $f; sha256sum < $f >&2; cat $f; rm $f';
    const [fast, slow] = await Promise.all([
      exec({ command: ['sh', '-c', script] }).done,
      exec({ command: ['sh', '-c', script] }, 20).done,
    ]);
    for (const outcome of [fast, slow]) {
      expect(outcome.exit?.code).toBe(0);
      expect(outcome.stdout.length).toBe(1048576);
      expect(outcome.stderr.toString().split(' ')[0]).toBe(sha256(outcome.stdout));
    }
    expect(slow.maxInFlight).toBe(1);
  });

  it('holds the command back while onOutput is pending, instead of buffering without bound', async () => {
    // The command writes 64 KiB blocks forever and counts them in a file next to it.
    const script = 'i=0; while true; do head -c 65536 /dev/zero; i=$((i+1)); echo $i > blocks; done';
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    const stream = startExecStream({
      transport,
      request: {
        op: 'exec',
        id: 2,
        cluster: 'admin',
        namespace: 'default',
        pod: 'shell',
        command: ['sh', '-c', script],
        tty: false,
        stdin: false,
      },
      onOpen() {},
      onOutput: () => {
        calls++;
        return held;
      },
      onExit() {},
      onError() {},
    });
    streams.push(stream);
    const blocks = async () => Number((await exec({ command: ['cat', 'blocks'] }).done).stdout.toString());
    let last = -1;
    const stalled = await waitFor(
      'the command to stall',
      async () => {
        const now = await blocks();
        const stable = now > 0 && now === last;
        last = now;
        return stable && now;
      },
      30_000,
      700,
    );
    // Socket and pipe buffers on the way hold a few MiB at most; without backpressure it would run on.
    expect(stalled).toBeLessThan(256);
    expect(calls).toBe(1);
    release();
    await waitFor('the command to go on', async () => (await blocks()) > stalled);
    stream.cancel();
  });

  it('writes 1 MiB of stdin byte-exact, resolving writes only as the upstream takes them', async () => {
    const input = randomBytes(1048576);
    const { stream, done } = exec({ command: ['sha256sum'], stdin: true });
    for (let offset = 0; offset < input.length; offset += 100_000) {
      await stream.write(input.subarray(offset, offset + 100_000));
    }
    stream.closeStdin();
    const outcome = await done;
    expect(outcome.stdout.toString().split(' ')[0]).toBe(sha256(input));
    expect(outcome.exit?.code).toBe(0);
  });

  it('reports an unknown pod as a 404 error and nothing else', async () => {
    const { done, calls } = exec({ pod: 'no-such-pod', command: ['true'] });
    const outcome = await done;
    expect(outcome.error).toEqual({
      code: 404,
      reason: 'NotFound',
      message: expect.stringContaining('no-such-pod'),
    });
    expect(calls).toEqual(['error']);
  });

  it('reports a refused upgrade with the Status the API server sent (403 for viewer)', async () => {
    const viewer = testContext({
      name: 'viewer',
      server: cluster.server,
      caPem: cluster.caPem,
      token: cluster.tokens.viewer,
    });
    const { done, calls } = exec({ command: ['true'] }, 0, { ...transport, context: viewer });
    const outcome = await done;
    expect(outcome.error).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message: expect.stringContaining('viewer'),
    });
    expect(calls).toEqual(['error']);
  });

  it('renews credentials once after a 401 and then runs', async () => {
    let handedOut = 0;
    let invalidated = 0;
    const credentials: CredentialProvider = {
      async credentialsFor() {
        const token = handedOut++ === 0 ? 'expired-token' : cluster.tokens.admin;
        return {
          headers: { Authorization: `Bearer ${token}` },
          tls: { ca: cluster.caPem, rejectUnauthorized: true },
          renewable: true,
        };
      },
      invalidate() {
        invalidated++;
      },
    };
    const outcome = await exec({ command: ['echo', 'renewed'] }, 0, { ...transport, credentials }).done;
    expect(outcome.stdout.toString()).toBe('renewed\n');
    expect(outcome.exit?.code).toBe(0);
    expect([handedOut, invalidated]).toEqual([2, 1]);
  });

  it('cancel() stops the output, ends the command in the pod, and calls nothing after it', async () => {
    // The command writes its pid next to it, then ticks until it is ended.
    const script = 'echo $$ > ticker.pid; while true; do echo tick; sleep 0.05; done';
    const { stream, calls, outcome } = exec({ command: ['sh', '-c', script] });
    await waitFor('a few ticks', () => outcome.stdout.toString().split('tick').length > 3);
    const pid = (await exec({ command: ['cat', 'ticker.pid'] }).done).stdout.toString().trim();
    expect(pid).toMatch(/^\d+$/);
    const running = async () =>
      (await exec({ command: ['sh', '-c', `kill -0 ${pid}`] }).done).exit?.code === 0;
    expect(await running()).toBe(true);

    stream.cancel();
    const atCancel = outcome.stdout.length;
    await waitFor('the command in the pod to end', async () => !(await running()), 15_000, 200);
    // It ticked every 50 ms while it ran: none of that reached onOutput after cancel().
    expect(outcome.stdout.length).toBe(atCancel);
    expect(calls).toEqual(['open']);
  });
});
