import { spawn } from 'node:child_process';
import type { WebSocket } from 'ws';
import { killGroup } from '../daemon.ts';
import { ptyRelayScript } from '../paths.ts';
import type { ContainerRunner } from './container-runner.ts';

/**
 * Subprotocols the stand-in speaks. `v5.channel.k8s.io` is v4 plus channel 255, "close": a client frame
 * `[255, streamId]` closes that stream (stdin: the process reads EOF). The API server 1.20 itself knows
 * nothing of v5 but proxies the upgrade as is, so a client reaches v5 through it, as with a 1.30 kubelet.
 */
export const execProtocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'channel.k8s.io'] as const;

/**
 * The subprotocol a kubelet picks: the first one the client offered that it speaks (client order, as
 * apimachinery's wsstream handshake does), or false when there is none.
 *
 * @example
 * chooseExecProtocol(['v5.channel.k8s.io', 'v4.channel.k8s.io']); // 'v5.channel.k8s.io'
 */
export function chooseExecProtocol(offered: Iterable<string>): string | false {
  for (const protocol of offered) {
    if ((execProtocols as readonly string[]).includes(protocol)) return protocol;
  }
  return false;
}

export interface ExecRequest {
  command: string[];
  tty: boolean;
  stdin: boolean;
  container: ContainerRunner;
}

const channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;
const highWaterBytes = 1 << 20;

function frame(kind: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([kind]), payload]);
}

/** The v4 (and v5) status on channel 3, as a kubelet writes it. */
export function exitStatus(code: number): string {
  if (code === 0) return JSON.stringify({ metadata: {}, status: 'Success' });
  return JSON.stringify({
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command, exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  });
}

/**
 * Runs a command for a WebSocket exec (a real process; with `tty`, in a real pseudo-terminal through
 * scripts/pty-relay.py) and speaks the Kubernetes channel protocol on `socket`.
 */
export function runExecSession(socket: WebSocket, request: ExecRequest): void {
  // v4 and v5 send a Status object on channel 3; channel.k8s.io sends plain text (nothing on success).
  const v4 = socket.protocol === 'v4.channel.k8s.io' || socket.protocol === 'v5.channel.k8s.io';
  const v5 = socket.protocol === 'v5.channel.k8s.io';
  const { container, command, tty } = request;
  const env = { ...container.env, ...(tty ? { TERM: 'xterm-256color' } : {}) };
  const stdio = [request.stdin || tty ? 'pipe' : 'ignore', 'pipe', 'pipe'] as const;
  const proc = tty
    ? spawn('python3', [ptyRelayScript, ...command], {
        cwd: container.workDir,
        env,
        detached: true,
        stdio: ['pipe', 'pipe', 'pipe'],
      })
    : spawn(command[0] ?? 'sh', command.slice(1), {
        cwd: container.workDir,
        env,
        detached: true,
        stdio: [...stdio],
      });
  let spawnError: Error | undefined;
  proc.on('error', (err) => {
    spawnError = err;
  });

  const toStdin = (kind: 0 | 1, payload: Buffer) => {
    if (!proc.stdin?.writable) return;
    if (!tty) {
      if (kind === 0) proc.stdin.write(payload);
      return;
    }
    const header = Buffer.alloc(5);
    header[0] = kind;
    header.writeUInt32BE(payload.length, 1);
    proc.stdin.write(Buffer.concat([header, payload]));
  };
  proc.stdin?.on('error', () => {});

  // Output to the socket with backpressure: pause the process's pipe while the socket is backed up.
  for (const [stream, ch] of [
    [proc.stdout, channel.stdout],
    [proc.stderr, channel.stderr],
  ] as const) {
    stream?.on('data', (chunk: Buffer) => {
      if (socket.readyState !== socket.OPEN) return;
      socket.send(frame(ch, chunk), () => {
        if (socket.bufferedAmount < highWaterBytes) stream.resume();
      });
      if (socket.bufferedAmount >= highWaterBytes) stream.pause();
    });
  }

  socket.on('message', (data: Buffer, isBinary: boolean) => {
    const bytes = isBinary ? data : Buffer.from(data.toString(), 'utf8');
    if (bytes.length === 0) return;
    const kind = bytes[0];
    const payload = bytes.subarray(1);
    if (kind === channel.stdin && request.stdin) toStdin(0, payload);
    // v5 close of stdin: end the pipe (with a tty, the relay's input: the terminal stays open, as when a
    // runtime closes its side of the stream). Other streams can't be closed by the client.
    if (kind === channel.close && v5 && payload[0] === channel.stdin) proc.stdin?.end();
    if (kind === channel.resize && tty) {
      try {
        const size = JSON.parse(payload.toString('utf8')) as { Width: number; Height: number };
        toStdin(1, Buffer.from(JSON.stringify({ cols: size.Width, rows: size.Height })));
      } catch {
        // a malformed resize is ignored, as the kubelet does
      }
    }
  });
  socket.on('close', () => killGroup(proc, 'SIGKILL'));

  proc.on('close', (code, signal) => {
    if (socket.readyState !== socket.OPEN) return;
    const exitCode = spawnError ? 127 : (code ?? (signal ? 128 : 1));
    if (spawnError) {
      const message = `exec: "${command[0]}": ${spawnError.message}`;
      socket.send(
        frame(
          channel.error,
          Buffer.from(
            v4
              ? JSON.stringify({ metadata: {}, status: 'Failure', message, reason: 'InternalError' })
              : message,
          ),
        ),
      );
    } else if (v4) {
      socket.send(frame(channel.error, Buffer.from(exitStatus(exitCode))));
    } else if (exitCode !== 0) {
      socket.send(
        frame(
          channel.error,
          Buffer.from(`command terminated with non-zero exit code: exit code ${exitCode}`),
        ),
      );
    }
    socket.close(1000);
  });
}
