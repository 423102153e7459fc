// Logs and exec through GET /ws, end to end: the real backend pieces, a real API server, the kubelet
// stand-in's real processes, and a TCP relay that cuts the backend's upstream connections.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeExecFrame, execChannel } from '@porthole/protocol';
import {
  runPod,
  start,
  startTcpRelay,
  type TcpRelay,
  type TestCluster,
  waitFor,
} from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeKubeconfig } from '../serve/serve-fixture.ts';
import { type InProcessBackend, serveInProcess } from '../testing/serve-in-process.ts';
import { openTestSocket, type TestSocket } from './mux-test-client.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('logs and exec through the multiplexer', () => {
  let cluster: TestCluster;
  let relay: TcpRelay;
  let dir: string;
  let backend: InProcessBackend;
  const sockets: TestSocket[] = [];
  let nextId = 1;

  async function socket(): Promise<TestSocket> {
    const s = await openTestSocket(backend.wsUrl);
    sockets.push(s);
    return s;
  }
  /** stdout (or stderr) bytes of one exec subscription, in order. */
  const output = (s: TestSocket, id: number, channel: number = execChannel.stdout) =>
    Buffer.concat(s.frames.filter((f) => f.id === id && f.channel === channel).map((f) => f.payload));

  async function exec(s: TestSocket, command: string[], options: { tty?: boolean; stdin?: boolean } = {}) {
    const id = nextId++;
    s.send({
      op: 'exec',
      id,
      cluster: 'admin',
      namespace: 'default',
      pod: 'shell',
      command,
      tty: options.tty ?? false,
      stdin: options.stdin ?? false,
    });
    const open = await s.next('open', (m) => m.id === id);
    return {
      id,
      protocol: open.protocol,
      exit: () => s.next('exit', (m) => m.id === id, { timeoutMs: 60_000 }),
    };
  }

  beforeAll(async () => {
    cluster = await start({ name: 'mux-streams' });
    relay = await startTcpRelay({
      targetHost: '127.0.0.1',
      targetPort: Number(new URL(cluster.server).port),
    });
    dir = await mkdtemp(join(tmpdir(), 'porthole-mux-streams-'));
    const kubeconfig = join(dir, 'config');
    await writeKubeconfig(kubeconfig, {
      clusters: {
        direct: { server: cluster.server, caPem: cluster.caPem },
        relayed: { server: `https://127.0.0.1:${relay.port}`, caPem: cluster.caPem },
      },
      users: { admin: { token: cluster.tokens.admin } },
      contexts: {
        admin: { cluster: 'direct', user: 'admin' },
        relayed: { cluster: 'relayed', user: 'admin' },
      },
    });
    backend = await serveInProcess({ kubeconfigs: [kubeconfig] });
    await runPod(cluster.client(), { name: 'shell', command: ['sleep', '3600'] });
  });

  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await backend?.stop();
    await relay?.close();
    await cluster?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('follows a log across upstream drops with no line missing or repeated, then ends', async () => {
    const count = 300;
    await runPod(cluster.client(), {
      name: 'counter',
      command: [
        'sh',
        '-c',
        `i=1; while [ $i -le ${count} ]; do echo "line $i"; i=$((i+1)); sleep 0.02; done`,
      ],
    });
    const s = await socket();
    s.send({ op: 'logs', id: 1, cluster: 'relayed', namespace: 'default', pod: 'counter', follow: true });
    const lines = () => s.messages.flatMap((m) => (m.op === 'lines' && m.id === 1 ? m.lines : []));
    for (const after of [40, 120, 200]) {
      await waitFor(`${after} lines`, () => lines().length >= after, 30_000, 20);
      expect(relay.cut()).toBeGreaterThan(0);
    }
    await s.next('end', (m) => m.id === 1, { timeoutMs: 60_000 });
    expect(lines()).toEqual(Array.from({ length: count }, (_, i) => `line ${i + 1}`));
    expect(s.messages.some((m) => m.op === 'status' && m.id === 1 && m.state === 'reconnecting')).toBe(true);
  });

  it('runs a command: echo, exit codes, stderr', async () => {
    const s = await socket();
    const echo = await exec(s, ['echo', 'hello']);
    expect(echo.protocol).toBe('v5.channel.k8s.io');
    expect((await echo.exit()).code).toBe(0);
    expect(output(s, echo.id).toString()).toBe('hello\n');
    const failing = await exec(s, ['sh', '-c', 'echo oops >&2; exit 3']);
    expect((await failing.exit()).code).toBe(3);
    expect(output(s, failing.id, execChannel.stderr).toString()).toBe('oops\n');
  });

  it('delivers 1 MiB of output and takes 1 MiB of stdin byte-exact, and stdin-close ends the input', async () => {
    const s = await socket();
    const file = join(dir, 'random');
    const big = await exec(s, [
      'sh',
      '-c',
      `head -c 1048576 /dev/urandom > ${file}; cat ${file}; sha256sum ${file} >&2`,
    ]);
    await big.exit();
    const bytes = output(s, big.id);
    expect(bytes.length).toBe(1024 * 1024);
    expect(output(s, big.id, execChannel.stderr).toString()).toContain(sha256(bytes));

    const input = new Uint8Array(1024 * 1024).map((_, i) => (i * 7919) % 251);
    const upload = await exec(s, ['sh', '-c', 'sha256sum; echo done'], { stdin: true });
    for (let offset = 0; offset < input.length; offset += 64 * 1024) {
      s.send(
        encodeExecFrame({
          id: upload.id,
          channel: execChannel.stdin,
          payload: input.subarray(offset, offset + 64 * 1024),
        }),
      );
    }
    s.send({ op: 'stdin-close', id: upload.id });
    expect((await upload.exit()).code).toBe(0);
    expect(output(s, upload.id).toString()).toBe(`${sha256(input)}  -\ndone\n`);
  });

  it('resizes a terminal', async () => {
    const s = await socket();
    const tty = await exec(s, ['sh', '-c', 'sleep 0.5; stty size'], { tty: true, stdin: true });
    s.send({ op: 'resize', id: tty.id, cols: 101, rows: 33 });
    await tty.exit();
    expect(output(s, tty.id).toString()).toContain('33 101');
  });
});
