import type { LogsRequest } from '@porthole/protocol';
import {
  runPod,
  start,
  startTcpRelay,
  type TcpRelay,
  type TestCluster,
  waitFor,
} from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentPool, createAgentPool } from '../proxy/agent-pool.ts';
import { staticTokenCredentials, testContext, unchangedHeaders } from '../proxy/test-backend.ts';
import { type LogStream, startLogStream } from './log-stream.ts';
import type { UpstreamFailure, WatchTransport } from './watch-request.ts';

/** A shell loop printing `line 1` .. `line <count>`, one every `pause` seconds. */
const numbered = (count: number, pause: string) => [
  'sh',
  '-c',
  `i=1; while [ $i -le ${count} ]; do echo "line $i"; i=$((i+1)); sleep ${pause}; done`,
];
const expected = (count: number) => Array.from({ length: count }, (_, i) => `line ${i + 1}`);

describe('startLogStream', () => {
  let cluster: TestCluster;
  let relay: TcpRelay;
  let agents: AgentPool;
  let transport: WatchTransport;
  const streams: LogStream[] = [];

  /** Starts a stream recording everything it reports. */
  function follow(
    request: Omit<LogsRequest, 'op' | 'id' | 'cluster' | 'namespace'>,
    slowMs = 0,
    backoff = { initialMs: 50, maxMs: 400 },
  ) {
    const seen = {
      lines: [] as string[],
      batches: 0,
      ended: 0,
      errors: [] as UpstreamFailure[],
      states: [] as string[],
      /** The code and reason of each `reconnecting`'s cause. */
      causes: [] as { code: number; reason: string }[],
      maxInFlight: 0,
    };
    let inFlight = 0;
    const stream = startLogStream({
      transport,
      request: { op: 'logs', id: 1, cluster: 'relayed', namespace: 'default', ...request },
      onLines: async (lines) => {
        seen.batches++;
        seen.maxInFlight = Math.max(seen.maxInFlight, ++inFlight);
        seen.lines.push(...lines);
        if (slowMs > 0) await new Promise((resolve) => setTimeout(resolve, slowMs));
        inFlight--;
      },
      onEnd: () => seen.ended++,
      onError: (failure) => seen.errors.push(failure),
      onState: (state, cause) => {
        seen.states.push(state);
        if (cause) seen.causes.push({ code: cause.code, reason: cause.reason });
      },
      backoff,
    });
    streams.push(stream);
    return { stream, seen };
  }

  beforeAll(async () => {
    cluster = await start({ name: 'mux-logs' });
    relay = await startTcpRelay({
      targetHost: '127.0.0.1',
      targetPort: Number(new URL(cluster.server).port),
    });
    agents = createAgentPool();
    transport = {
      context: testContext({
        name: 'relayed',
        server: `https://127.0.0.1:${relay.port}`,
        caPem: cluster.caPem,
        token: cluster.tokens.admin,
      }),
      credentials: staticTokenCredentials(),
      adapterFor: () => unchangedHeaders,
      agents,
    };
  });

  afterAll(async () => {
    for (const stream of streams) stream.cancel();
    agents?.close();
    await relay?.close();
    await cluster?.stop();
  });

  it('delivers every line exactly once, in order, across several upstream drops, then ends', async () => {
    await runPod(cluster.client(), {
      name: 'counter',
      command: numbered(400, '0.01'),
      restartPolicy: 'Never',
    });
    // Slow consumer: reading upstream waits for each batch, so more lines pile up in the kubelet meanwhile.
    const { seen } = follow({ pod: 'counter', follow: true }, 15);
    let cuts = 0;
    for (let round = 0; round < 4; round++) {
      const before = seen.lines.length;
      await waitFor('lines to flow', () => seen.lines.length > before + 20 || seen.ended > 0, 20_000, 20);
      if (seen.ended > 0) break;
      cuts += relay.cut() > 0 ? 1 : 0;
    }
    await waitFor('the end', () => seen.ended > 0, 30_000);
    expect(cuts).toBeGreaterThanOrEqual(3);
    expect(seen.lines).toEqual(expected(400));
    expect(seen.errors).toEqual([]);
    expect(seen.ended).toBe(1);
    expect(seen.states).toContain('reconnecting');
    expect(seen.states.at(-1)).toBe('live');
    // A cut connection is a 503, whether it broke the request or the response.
    expect(seen.causes.length).toBeGreaterThan(0);
    expect(seen.causes).toEqual(seen.causes.map(() => ({ code: 503, reason: 'ServiceUnavailable' })));
    expect(seen.maxInFlight).toBe(1);
    expect(seen.batches).toBeLessThan(400);
  });

  it('ends a follow stream when the container exits, after its last line', async () => {
    await runPod(cluster.client(), {
      name: 'short',
      command: ['sh', '-c', 'sleep 1; echo first; sleep 1; printf "last without newline"'],
      restartPolicy: 'Never',
    });
    const { seen } = follow({ pod: 'short', follow: true });
    await waitFor('the first line', () => seen.lines.length > 0);
    expect(seen.ended).toBe(0);
    await waitFor('the end', () => seen.ended > 0, 20_000);
    expect(seen.lines).toEqual(['first', 'last without newline']);
    expect(seen.errors).toEqual([]);
  });

  it('gives lines with or without their timestamps, and tailLines on the first request', async () => {
    await runPod(cluster.client(), { name: 'stamped', command: numbered(5, '0'), restartPolicy: 'Never' });
    await waitFor('pod stamped to finish', async () => {
      const pod = await cluster
        .client()
        .must<{ status?: { phase?: string } }>('GET', '/api/v1/namespaces/default/pods/stamped');
      return pod.status?.phase === 'Succeeded';
    });
    const plain = follow({ pod: 'stamped', follow: false });
    const stamped = follow({ pod: 'stamped', follow: false, timestamps: true });
    const tail = follow({ pod: 'stamped', follow: false, tailLines: 2 });
    await waitFor('three ends', () => plain.seen.ended + stamped.seen.ended + tail.seen.ended === 3);
    expect(plain.seen.lines).toEqual(expected(5));
    expect(stamped.seen.lines).toHaveLength(5);
    stamped.seen.lines.forEach((line, i) => {
      expect(line).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d+Z line ${i + 1}$`));
    });
    expect(tail.seen.lines).toEqual(['line 4', 'line 5']);
  });

  it('reports a pod that does not exist as a 404 error and nothing else', async () => {
    const { seen } = follow({ pod: 'no-such-pod', follow: true });
    await waitFor('the error', () => seen.errors.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen.errors).toEqual([
      { code: 404, reason: 'NotFound', message: expect.stringContaining('no-such-pod') },
    ]);
    expect(seen.ended).toBe(0);
    expect(seen.lines).toEqual([]);
  });

  it('resumes a log that closes cleanly while its container runs, through refusals that may pass, then ends', async () => {
    const kubelet = cluster.kubelet;
    if (!kubelet) throw new Error('the test cluster has no kubelet stand-in');
    await runPod(cluster.client(), { name: 'closer', command: numbered(80, '0.05'), restartPolicy: 'Never' });
    const { seen } = follow({ pod: 'closer', follow: true });
    // More than a second of lines: the clean close is then resumed at once, without a pause.
    await waitFor('lines to flow', () => seen.lines.length > 25);
    // The next two log requests are refused with a 503 (the API server passes the kubelet's on), then
    // every open follow ends cleanly, as at a kubelet restart: the pod still runs, so that is a drop.
    kubelet.logs.refuseNext(2, 503);
    expect(kubelet.logs.endFollows()).toBe(1);
    await waitFor('the end', () => seen.ended > 0, 30_000);
    expect(seen.lines).toEqual(expected(80));
    expect(seen.errors).toEqual([]);
    expect(seen.ended).toBe(1);
    expect(seen.causes).toContainEqual({ code: 503, reason: 'ServiceUnavailable' });
    expect(seen.states.at(-1)).toBe('live');
  });

  it('takes a 404 on a resumed request, the pod deleted meanwhile, as the end', async () => {
    await runPod(cluster.client(), { name: 'doomed', command: numbered(100000, '0.05') });
    // A long backoff: the pod is gone before the resume is sent.
    const { seen } = follow({ pod: 'doomed', follow: true }, 0, { initialMs: 6000, maxMs: 6000 });
    await waitFor('lines to flow', () => seen.lines.length > 2);
    expect(relay.cut()).toBeGreaterThan(0);
    await waitFor('reconnecting', () => seen.states.includes('reconnecting'));
    const client = cluster.client();
    await client.must('DELETE', '/api/v1/namespaces/default/pods/doomed?gracePeriodSeconds=0');
    await waitFor('the pod to be gone', async () => {
      const res = await client.request('GET', '/api/v1/namespaces/default/pods/doomed');
      return res.status === 404;
    });
    await waitFor('the end', () => seen.ended + seen.errors.length > 0, 30_000);
    expect(seen.errors).toEqual([]);
    expect(seen.ended).toBe(1);
    expect(seen.lines).toEqual(expected(seen.lines.length));
  });

  it('calls nothing after cancel()', async () => {
    await runPod(cluster.client(), { name: 'endless', command: numbered(100000, '0.01') });
    const { stream, seen } = follow({ pod: 'endless', follow: true });
    await waitFor('lines', () => seen.lines.length > 5);
    stream.cancel();
    const count = seen.batches;
    const states = seen.states.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen.batches).toBe(count);
    expect(seen.states).toHaveLength(states);
    expect(seen.ended + seen.errors.length).toBe(0);
  });
});
