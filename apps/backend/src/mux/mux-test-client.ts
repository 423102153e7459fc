/**
 * Test support for the multiplexer's tests: a raw `ws` client that records every message, so tests speak
 * the wire protocol exactly as written in shared/design/multiplexer.md (the SDK's client has its own tests).
 */
import {
  type ClientMessage,
  decodeExecFrame,
  type ExecFrame,
  muxSubprotocol,
  type ServerMessage,
  serverMessageSchema,
} from '@porthole/protocol';
import { waitFor } from '@porthole/testcluster';
import { WebSocket } from 'ws';

export interface TestSocket {
  ws: WebSocket;
  messages: ServerMessage[];
  frames: ExecFrame[];
  /** Server messages that did not match the protocol schema (should stay empty). */
  invalid: string[];
  send(message: ClientMessage | string | Uint8Array): void;
  /** The first recorded message (from `from` on) that matches; waits for it. */
  next<Op extends ServerMessage['op']>(
    op: Op,
    match?: (message: Extract<ServerMessage, { op: Op }>) => boolean,
    options?: { from?: number; timeoutMs?: number },
  ): Promise<Extract<ServerMessage, { op: Op }>>;
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

/**
 * Opens `/ws` and validates every server message against the protocol schema (a message that fails
 * fails the test through `next`).
 *
 * @example
 * const socket = await openTestSocket(backend.wsUrl);
 * socket.send({ op: 'clusters', id: 1 });
 * const sync = await socket.next('sync', (m) => m.id === 1);
 */
export async function openTestSocket(
  url: string,
  options: {
    origin?: string;
    autoPong?: boolean;
    headers?: Record<string, string>;
    localAddress?: string;
  } = {},
): Promise<TestSocket> {
  const ws = new WebSocket(url, muxSubprotocol, {
    ...(options.origin ? { origin: options.origin } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    autoPong: options.autoPong ?? true,
  });
  const messages: ServerMessage[] = [];
  const frames: ExecFrame[] = [];
  const invalid: string[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('message', (data, isBinary) => {
    const bytes = Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]);
    if (isBinary) {
      const frame = decodeExecFrame(new Uint8Array(bytes));
      if (frame) frames.push({ ...frame, payload: Buffer.from(frame.payload) });
      else invalid.push('binary frame too short');
      return;
    }
    const parsed = serverMessageSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    if (parsed.success) messages.push(parsed.data);
    else invalid.push(bytes.toString('utf8').slice(0, 300));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  return {
    ws,
    messages,
    frames,
    invalid,
    send(message) {
      ws.send(
        typeof message === 'string' || message instanceof Uint8Array ? message : JSON.stringify(message),
      );
    },
    next(op, match, nextOptions = {}) {
      type M = Extract<ServerMessage, { op: typeof op }>;
      return waitFor(
        `a "${op}" message`,
        () => {
          if (invalid.length > 0) throw new Error(`the server sent invalid messages: ${invalid.join(' | ')}`);
          return messages
            .slice(nextOptions.from ?? 0)
            .find((m): m is M => m.op === op && (!match || match(m as M)));
        },
        nextOptions.timeoutMs ?? 20_000,
        20,
      );
    },
    closed,
    close: () => ws.close(),
  };
}
