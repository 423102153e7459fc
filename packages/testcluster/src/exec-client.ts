import { StringDecoder } from 'node:string_decoder';
import WebSocket from 'ws';

export interface ExecClientOptions {
  /** Full `wss://` URL of a pod's `exec` subresource, including `command=`, `stdin=`, `tty=` ... */
  url: string;
  /** Sent as `Authorization: Bearer` unless `tokenInSubprotocol` is set. */
  token?: string;
  /** Put the token only into a `base64url.bearer.authorization.k8s.io.` subprotocol, as browsers must. */
  tokenInSubprotocol?: boolean;
  caPem?: string;
  protocols?: string[];
  headers?: Record<string, string>;
}

/** What an exec produced, once the server closed the socket. */
export interface ExecOutcome {
  protocol: string;
  stdout: string;
  stderr: string;
  /** Exit code from the v4/v5 status on channel 3 (0 on Success); undefined when none arrived. */
  exitCode: number | undefined;
  status: unknown;
  /** The WebSocket close code and reason the server sent. */
  closeCode: number;
  closeReason: string;
}

export interface ExecSession {
  protocol: string;
  write(text: string): void;
  /** v5 only: the channel 255 close frame for stdin, so the command reads EOF. */
  closeStdin(): void;
  resize(cols: number, rows: number): void;
  /** Resolves with everything printed so far once `predicate` holds for stdout. */
  waitForStdout(predicate: (stdout: string) => boolean, timeoutMs?: number): Promise<string>;
  done: Promise<ExecOutcome>;
  close(): void;
}

/** An upgrade the server refused: the HTTP status and body it answered with. */
export class UpgradeRefused extends Error {
  readonly status: number;
  readonly body: string;
  constructor(status: number, body: string) {
    super(`upgrade refused: ${status} ${body}`);
    this.status = status;
    this.body = body;
  }
}

/**
 * A small client of the Kubernetes WebSocket exec protocol (`v5.channel.k8s.io`, `v4.channel.k8s.io`,
 * `channel.k8s.io`; v4 and channel.k8s.io offered unless `protocols` says otherwise) for
 * tests: a second, independent implementation to check the servers against.
 *
 * @example
 * const session = await openExec({ url, token, caPem });
 * const { stdout, exitCode } = await session.done;
 */
export function openExec(options: ExecClientOptions): Promise<ExecSession> {
  const protocols = [...(options.protocols ?? ['v4.channel.k8s.io', 'channel.k8s.io'])];
  const headers: Record<string, string> = { ...options.headers };
  if (options.token && options.tokenInSubprotocol) {
    protocols.unshift(
      `base64url.bearer.authorization.k8s.io.${Buffer.from(options.token).toString('base64url')}`,
    );
  } else if (options.token) {
    headers.Authorization = `Bearer ${options.token}`;
  }
  const socket = new WebSocket(options.url, protocols, {
    headers,
    ...(options.caPem ? { ca: options.caPem } : {}),
  });
  let stdout = '';
  let stderr = '';
  let status: unknown;
  const waiters = new Set<() => void>();
  // One decoder per channel, so a character split across two frames comes out whole.
  const decoders = [new StringDecoder('utf8'), new StringDecoder('utf8')] as const;
  socket.on('message', (data: Buffer) => {
    const channel = data[0];
    const payload = data.subarray(1);
    const text = payload.toString('utf8');
    if (channel === 1) stdout += decoders[0].write(payload);
    else if (channel === 2) stderr += decoders[1].write(payload);
    else if (channel === 3) status = socket.protocol === 'channel.k8s.io' ? text : JSON.parse(text);
    for (const w of waiters) w();
  });
  const done = new Promise<ExecOutcome>((resolve) => {
    socket.on('close', (closeCode: number, reason: Buffer) => {
      const closeReason = reason.toString('utf8');
      resolve({
        protocol: socket.protocol,
        stdout,
        stderr,
        status,
        exitCode: exitCodeOf(status),
        closeCode,
        closeReason,
      });
      for (const w of waiters) w();
    });
  });
  const send = (channel: number, payload: string) =>
    socket.send(Buffer.concat([Buffer.from([channel]), Buffer.from(payload, 'utf8')]));

  return new Promise((resolve, reject) => {
    socket.on('unexpected-response', (req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        req.destroy();
        reject(new UpgradeRefused(res.statusCode ?? 0, body));
      });
    });
    socket.on('error', reject);
    socket.on('open', () =>
      resolve({
        protocol: socket.protocol,
        write: (text) => send(0, text),
        closeStdin: () => socket.send(Buffer.from([255, 0])),
        resize: (cols, rows) => send(4, JSON.stringify({ Width: cols, Height: rows })),
        waitForStdout(predicate, timeoutMs = 10_000) {
          return new Promise((ok, fail) => {
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`timed out waiting for stdout; got ${JSON.stringify(stdout)}`));
            }, timeoutMs);
            const check = () => {
              if (!predicate(stdout)) return;
              clearTimeout(timer);
              waiters.delete(check);
              ok(stdout);
            };
            waiters.add(check);
            check();
          });
        },
        done,
        close: () => socket.close(),
      }),
    );
  });
}

function exitCodeOf(status: unknown): number | undefined {
  if (typeof status !== 'object' || status === null) return undefined;
  const s = status as { status?: string; details?: { causes?: { reason?: string; message?: string }[] } };
  if (s.status === 'Success') return 0;
  const cause = s.details?.causes?.find((c) => c.reason === 'ExitCode');
  return cause?.message ? Number(cause.message) : undefined;
}
