import type { IncomingMessage } from 'node:http';
import type { ExecRequest } from '@porthole/protocol';
import WebSocket from 'ws';
import { upstreamPath } from '../proxy/cluster-path.ts';
import { UpstreamDeadlineError } from '../proxy/upstream-deadlines.ts';
import { unreachableCluster } from '../proxy/upstream-error.ts';
import { type PreparedUpstream, prepareUpstream, upstreamDeadlinesOf } from '../proxy/upstream-request.ts';
import { decodeExecStatus, execProtocols, isStructuredStatus } from './exec-status.ts';
import {
  failureOf,
  podPath,
  readBody,
  responseFailure,
  type UpstreamFailure,
  type WatchTransport,
} from './watch-request.ts';

export interface ExecStreamOptions {
  transport: WatchTransport;
  request: ExecRequest;
  /** The exec started; `protocol` is the negotiated Kubernetes subprotocol. */
  onOpen(protocol: string): void;
  /** Output bytes; a returned promise pauses reading upstream until it settles. */
  onOutput(channel: 1 | 2, bytes: Uint8Array): void | Promise<void>;
  /** The command ended with this exit code (from the status on channel 3). */
  onExit(code: number, message?: string): void;
  /** The exec could not start, or failed. At most once, never after onExit. */
  onError(failure: UpstreamFailure): void;
}

/** A running exec. */
export interface ExecStream {
  /** Sends stdin after everything written before; resolves once the upstream buffer is below a bound. */
  write(bytes: Uint8Array): Promise<void>;
  resize(cols: number, rows: number): void;
  /** Ends stdin (v5.channel.k8s.io's close frame, after every earlier write); ignored by older protocols. */
  closeStdin(): void;
  /** Stops everything; no callback runs after it. */
  cancel(): void;
}

const channel = { stdin: 0, stdout: 1, stderr: 2, status: 3, resize: 4, close: 255 } as const;
/** Stdin goes in frames of at most this size; a write waits while more than `stdinHighWater` is unsent. */
const stdinFrameBytes = 32 * 1024;
const stdinHighWater = 256 * 1024;

/**
 * The exec URL path and query of a request (no stderr with a tty: the terminal carries it, as in kubectl).
 *
 * @example
 * execPath({ namespace: 'demo', pod: 'web', command: ['ls', '-l'], tty: false, stdin: false });
 * // '/api/v1/namespaces/demo/pods/web/exec?command=ls&command=-l&stdin=false&stdout=true&stderr=true&tty=false'
 */
export function execPath(
  request: Pick<ExecRequest, 'namespace' | 'pod' | 'container' | 'command' | 'tty' | 'stdin'>,
): string {
  const query = new URLSearchParams();
  for (const part of request.command) query.append('command', part);
  if (request.container) query.set('container', request.container);
  query.set('stdin', String(request.stdin));
  query.set('stdout', 'true');
  query.set('stderr', String(!request.tty));
  query.set('tty', String(request.tty));
  return `${podPath(request.namespace, request.pod, 'exec')}?${query}`;
}

/**
 * Runs a command in a container through the API server's WebSocket exec, speaking whichever of
 * `v5.channel.k8s.io`, `v4.channel.k8s.io` and `channel.k8s.io` the cluster picks; output is read with
 * backpressure (a pending `onOutput` promise pauses the socket), stdin is never dropped.
 *
 * How the connection is made: `ws` does the handshake from the same pieces as every other upstream
 * request ({@link prepareUpstream}: the context's credentials, the distribution adapter's final say on
 * the headers, the pooled agent with the context's TLS and proxy settings). Handing an upgrade made by
 * `requestUpstream` to `ws` is not possible cleanly: `ws` adopts an existing socket only as a server
 * (WebSocketServer.handleUpgrade, which reads unmasked frames and sends unmasked ones, the wrong way
 * round for a client), and its client-side `setSocket` is private. What requestUpstream adds around a
 * request is done here the same way: one retry after a 401 with renewable credentials, a time limit on
 * the handshake (`deadlines.responseMs` of silence, a 504 when it fires), an unreachable cluster as a 502 naming the cause.
 *
 * @example
 * const exec = startExecStream({
 *   transport,
 *   request: { op: 'exec', id: 1, cluster: 'prod', namespace: 'demo', pod: 'web', command: ['sh'], tty: true, stdin: true },
 *   onOpen: (protocol) => send({ op: 'open', id: 1, protocol }),
 *   onOutput: (channel, bytes) => sendFrame(1, channel, bytes),
 *   onExit: (code) => send({ op: 'exit', id: 1, code }),
 *   onError: (failure) => send({ op: 'error', id: 1, ...failure }),
 * });
 * await exec.write(new TextEncoder().encode('ls\n'));
 */
export function startExecStream(options: ExecStreamOptions): ExecStream {
  const { transport, request } = options;
  let socket: WebSocket | undefined;
  let over = false;
  let status: Buffer | undefined;
  let settleOpen: (open: boolean) => void = () => {};
  /** True once open; false when the exec ended before opening. */
  const opened = new Promise<boolean>((resolve) => {
    settleOpen = resolve;
  });
  const output = createSerialQueue(
    (paused) => (paused ? socket?.pause() : socket?.resume()),
    (err) => fail(failureOf(err, 500, 'InternalError')),
  );
  let stdin: Promise<void> = opened.then(() => {});

  function stop(): void {
    over = true;
    settleOpen(false);
    socket?.terminate();
  }
  function finish(callback: () => void): void {
    if (over) return;
    stop();
    callback();
  }
  const fail = (failure: UpstreamFailure) => finish(() => options.onError(failure));

  async function connect(attempt: number): Promise<void> {
    const offered = { 'sec-websocket-protocol': execProtocols.join(', ') };
    const prepared = await prepareUpstream(transport, transport.context, offered, 'upgrade');
    if (over) return;
    // ws has one handshake timer, reset by any byte: the whole handshake may be silent this long.
    const handshakeMs = upstreamDeadlinesOf(transport).responseMs;
    const ws = openSocket(prepared, execPath(request), handshakeMs);
    socket = ws;
    let wasOpen = false;
    ws.on('unexpected-response', (_req, response: IncomingMessage) => {
      void refused(response, prepared, attempt);
    });
    ws.on('open', () => {
      if (over) return;
      wasOpen = true;
      settleOpen(true);
      options.onOpen(ws.protocol);
    });
    ws.on('message', (data: Buffer) => {
      if (over || data.length === 0) return;
      const kind = data[0];
      const payload = data.subarray(1);
      if (kind === channel.status) status = Buffer.concat([status ?? Buffer.alloc(0), payload]);
      // Servers announce each channel with an empty frame: nothing to pass on.
      else if ((kind === channel.stdout || kind === channel.stderr) && payload.length > 0) {
        output.push(() => (over ? undefined : options.onOutput(kind, payload)));
      }
    });
    ws.on('error', (err) => {
      // After opening, an error is followed by 'close', which tells a drop from an exit.
      if (over || wasOpen || socket !== ws) return;
      const server = transport.context.cluster?.config.server ?? prepared.server.href;
      const cause = /handshake has timed out/.test(err.message)
        ? new UpstreamDeadlineError('response', handshakeMs)
        : err;
      fail(failureOf(unreachableCluster(transport.context.name, server, cause), 502, 'ServiceUnavailable'));
    });
    ws.on('close', (code: number) => {
      // Queued behind the output, so the exit comes after the last byte.
      if (socket === ws && wasOpen) output.push(() => ended(ws.protocol, code));
    });
  }

  /** The upgrade was answered with a plain response (403, 404, ...): retry a 401 once, else report it. */
  async function refused(response: IncomingMessage, prepared: PreparedUpstream, attempt: number) {
    const body = await readBody(response).catch(() => '');
    if (over) return;
    if (response.statusCode === 401 && prepared.credentials.renewable && attempt === 0) {
      transport.credentials.invalidate(transport.context, prepared.credentials);
      // Retire the refused socket first: its closing 'error' must not count as this exec's failure.
      const old = socket;
      socket = undefined;
      old?.terminate();
      void connect(1).catch((err: unknown) => fail(failureOf(err, 500, 'InternalError')));
      return;
    }
    fail(responseFailure(response, body));
  }

  /** The socket closed: the status on channel 3 says how the command ended. */
  function ended(protocol: string, closeCode: number): void {
    if (over) return;
    // v4 and v5 always send a status, so none means a drop; channel.k8s.io sends nothing on success, so
    // only a close without a close frame (1006) tells a drop there.
    if (status === undefined && (isStructuredStatus(protocol) || closeCode === 1006)) {
      const message = 'the exec connection closed without an exit status';
      fail({ code: 503, reason: 'ServiceUnavailable', message });
      return;
    }
    const end = decodeExecStatus(status?.toString('utf8') ?? '', isStructuredStatus(protocol));
    if (end.kind === 'exit') finish(() => options.onExit(end.code, end.message));
    else fail(end.failure);
  }

  /** Sends stdin in frames, waiting for the socket to drain while too much is unsent. */
  async function send(bytes: Uint8Array): Promise<void> {
    for (let offset = 0; offset < bytes.length; offset += stdinFrameBytes) {
      const ws = socket;
      if (over || ws?.readyState !== WebSocket.OPEN) return;
      const frame = Buffer.concat([
        Buffer.from([channel.stdin]),
        bytes.subarray(offset, offset + stdinFrameBytes),
      ]);
      if (ws.bufferedAmount + frame.length <= stdinHighWater) ws.send(frame);
      else await new Promise<void>((resolve) => ws.send(frame, () => resolve()));
    }
  }

  function sendControl(frame: Buffer): void {
    if (!over && socket?.readyState === WebSocket.OPEN) socket.send(frame);
  }

  void connect(0).catch((err: unknown) => fail(failureOf(err, 500, 'InternalError')));

  return {
    write(bytes) {
      stdin = stdin.then(() => send(bytes));
      return stdin;
    },
    resize(cols, rows) {
      const size = Buffer.from(JSON.stringify({ Width: cols, Height: rows }));
      void opened.then(() => sendControl(Buffer.concat([Buffer.from([channel.resize]), size])));
    },
    closeStdin() {
      stdin = stdin.then(() => {
        if (socket?.protocol === 'v5.channel.k8s.io')
          sendControl(Buffer.from([channel.close, channel.stdin]));
      });
    },
    cancel() {
      if (!over) stop();
    },
  };
}

/** A client WebSocket to the exec URL with the prepared agent, headers and offered subprotocols. */
function openSocket(prepared: PreparedUpstream, path: string, handshakeTimeout: number): WebSocket {
  const headers: Record<string, string> = {};
  let offered: string[] = [];
  for (const [name, value] of Object.entries(prepared.headers)) {
    const text = Array.isArray(value) ? value.join(', ') : value;
    // ws sets Sec-WebSocket-Protocol itself and checks the answer against it: give it the adapter's list.
    if (name === 'sec-websocket-protocol')
      offered = text
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
    else headers[name] = text;
  }
  const query = path.indexOf('?');
  const url = new URL(
    upstreamPath(prepared.server, { name: '', path: path.slice(0, query), search: path.slice(query) }),
    prepared.server,
  );
  url.protocol = prepared.server.protocol === 'http:' ? 'ws:' : 'wss:';
  return new WebSocket(url, offered, {
    agent: prepared.agent,
    headers,
    handshakeTimeout,
    perMessageDeflate: false,
    followRedirects: false,
  });
}

/**
 * Runs tasks one after another in arrival order. While a task's promise is pending, `hold(true)` stops
 * the source; `hold(false)` once the queue is empty again.
 */
function createSerialQueue(
  hold: (paused: boolean) => void,
  onError: (err: unknown) => void,
): { push(task: () => void | Promise<void>): void } {
  const tasks: (() => void | Promise<void>)[] = [];
  let running = false;
  let held = false;
  async function run(): Promise<void> {
    running = true;
    for (let task = tasks.shift(); task; task = tasks.shift()) {
      try {
        const result = task();
        if (result) {
          if (!held) {
            held = true;
            hold(true);
          }
          await result;
        }
      } catch (err) {
        onError(err);
      }
    }
    running = false;
    if (held) {
      held = false;
      hold(false);
    }
  }
  return {
    push(task) {
      tasks.push(task);
      if (!running) void run();
    },
  };
}
