import {
  type ClientMessage,
  clientMessageSchema,
  decodeExecFrame,
  describeIssues,
  execChannel,
  StatusError,
} from '@porthole/protocol';
import type { ClusterRegistry, HealthMonitor } from '../clusters/index.ts';
import type { ResolvedContext } from '../clusters/resolved-context.ts';
import { usableContext } from '../proxy/upstream-request.ts';
import type { ExecStream } from './exec-stream.ts';
import type { JsonText } from './json-text.ts';
import { noSubscriptions, type SubscriptionKind } from './metrics.ts';
import { createOutbound, type MuxSocket, type Outbound } from './outbound.ts';
import {
  type SessionIo,
  type Subscription,
  startClusters,
  startExec,
  startFiles,
  startHealth,
  startLogs,
  startWatch,
} from './session-subscriptions.ts';
import type { WatchHub } from './watch-hub.ts';
import type { WatchTransport } from './watch-request.ts';

/** Limits of one socket. */
export interface MuxLimits {
  /** Open subscriptions per socket; default 256. */
  maxSubscriptions: number;
  /** Largest JSON message accepted; default 64 KiB (binary frames are bounded by the server's maxPayload). */
  maxMessageBytes: number;
  /** Bytes in the send buffer above which watch deltas wait (and logs/exec pause upstream); default 1 MiB. */
  highWaterBytes: number;
  /** Coalesced deltas per subscription above which a later `sync` replaces them; default 4 MiB. */
  pendingBoundBytes: number;
  /** Batch window of watch deltas (a change after a quiet moment goes at once); default 10 ms. */
  batchMs: number;
}

export const defaultMuxLimits: MuxLimits = {
  maxSubscriptions: 256,
  maxMessageBytes: 64 * 1024,
  highWaterBytes: 1024 * 1024,
  pendingBoundBytes: 4 * 1024 * 1024,
  batchMs: 10,
};

/** What a session needs from the rest of the backend. */
export interface MuxSessionDeps {
  contexts: { get(name: string): ResolvedContext | undefined };
  clusters: Pick<ClusterRegistry, 'list' | 'files' | 'subscribe'>;
  health?: Pick<HealthMonitor, 'list' | 'subscribe'> | undefined;
  hub: WatchHub;
  /** How logs and exec reach a cluster (the proxy's upstream path) as the socket's person, without the context. */
  transport: Omit<WatchTransport, 'context'>;
  /** The socket's principal id (`local` in local mode): its watches are shared only with the same id. */
  principalId: string;
  json: JsonText;
  limits: MuxLimits;
  onEventsOut?: (count: number) => void;
  onResync?: () => void;
}

/** One socket's multiplexer. */
export interface MuxSession {
  /** A frame from the client. */
  receive(data: Buffer, isBinary: boolean): void;
  /** Ends the subscriptions on a removed context with `error` and the reason. */
  closeContext(name: string, message: string): void;
  /** Open subscriptions by kind. */
  counts(): Record<SubscriptionKind, number>;
  bufferedBytes(): number;
  /** Stops every subscription (the socket closed). */
  dispose(): void;
}

/** The `id` of a message that failed validation, when it has a usable one; 0 names the socket. */
function idOf(value: unknown): number {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 && id <= 0xffffffff ? id : 0;
}

/**
 * Serves one multiplexer socket (see shared/design/multiplexer.md): validates every message, answers
 * bad ones with an `error` (id 0 when the message has no usable id) and keeps going, and runs watch,
 * logs, exec, clusters, kubeconfig-files and health subscriptions until they end, are cancelled, or the socket closes.
 *
 * @example
 * const session = createMuxSession(ws, deps);
 * ws.on('message', (data, isBinary) => session.receive(data as Buffer, isBinary));
 * ws.on('close', () => session.dispose());
 */
export function createMuxSession(socket: MuxSocket, deps: MuxSessionDeps): MuxSession {
  const out: Outbound = createOutbound(socket, { highWaterBytes: deps.limits.highWaterBytes });
  const subscriptions = new Map<number, Subscription>();
  let stdinWrites = 0;

  const send = (message: object) => out.send(JSON.stringify(message));
  function sendError(id: number, code: number, reason: string, message: string): void {
    send({ op: 'error', id, code, reason, message });
  }
  function sendStatusError(id: number, err: unknown): void {
    const status = err instanceof StatusError ? err.status : StatusError.internal(err).status;
    sendError(id, status.code ?? 500, status.reason ?? 'InternalError', status.message ?? '');
  }
  const io: SessionIo = {
    deps,
    out,
    send,
    sendError,
    register: (id, sub) => subscriptions.set(id, sub),
    forget(id, sub) {
      if (subscriptions.get(id) === sub) subscriptions.delete(id);
    },
    whenWritable: () => (out.congested() ? out.drained() : undefined),
  };

  /** Starts a subscription after the checks every request shares. */
  function subscribe(
    message: Extract<
      ClientMessage,
      { op: 'watch' | 'logs' | 'exec' | 'clusters' | 'kubeconfig-files' | 'health' }
    >,
  ): void {
    const { id } = message;
    if (subscriptions.has(id)) {
      sendError(id, 409, 'Conflict', `id ${id} is already in use on this socket`);
      return;
    }
    if (subscriptions.size >= deps.limits.maxSubscriptions) {
      sendError(
        id,
        429,
        'TooManyRequests',
        `a socket may hold at most ${deps.limits.maxSubscriptions} subscriptions`,
      );
      return;
    }
    if (message.op === 'clusters' || message.op === 'kubeconfig-files') {
      send({ op: 'ack', id });
      if (message.op === 'clusters') startClusters(io, id);
      else startFiles(io, id);
      return;
    }
    if (message.op === 'health') {
      const { health } = deps;
      if (!health) {
        sendError(id, 501, 'NotImplemented', 'this backend does not probe the health of contexts');
        return;
      }
      send({ op: 'ack', id });
      startHealth(io, id, health);
      return;
    }
    let context: ResolvedContext;
    try {
      context = usableContext(deps.contexts, message.cluster);
    } catch (err) {
      sendStatusError(id, err);
      return;
    }
    send({ op: 'ack', id });
    if (message.op === 'watch') startWatch(io, message, context);
    else if (message.op === 'logs') startLogs(io, message, context);
    else startExec(io, message, context);
  }

  function execOf(id: number, op: string): ExecStream | undefined {
    const sub = subscriptions.get(id);
    if (sub?.exec) return sub.exec;
    sendError(id, 404, 'NotFound', `${op}: no exec subscription with id ${id}`);
    return undefined;
  }

  function handle(message: ClientMessage): void {
    switch (message.op) {
      case 'watch':
      case 'logs':
      case 'exec':
      case 'clusters':
      case 'kubeconfig-files':
      case 'health':
        subscribe(message);
        return;
      case 'resize':
        execOf(message.id, 'resize')?.resize(message.cols, message.rows);
        return;
      case 'stdin-close':
        execOf(message.id, 'stdin-close')?.closeStdin();
        return;
      case 'cancel': {
        const sub = subscriptions.get(message.id);
        if (!sub) {
          sendError(message.id, 404, 'NotFound', `cancel: no subscription with id ${message.id}`);
          return;
        }
        subscriptions.delete(message.id);
        sub.stop();
        send({ op: 'end', id: message.id });
        return;
      }
      case 'ping':
        send({ op: 'pong', t: message.t });
        return;
    }
  }

  function receiveText(data: Buffer): void {
    if (data.length > deps.limits.maxMessageBytes) {
      sendError(
        0,
        413,
        'RequestEntityTooLarge',
        `a message may be at most ${deps.limits.maxMessageBytes} bytes`,
      );
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(data.toString('utf8'));
    } catch (err) {
      sendError(0, 400, 'BadRequest', `the message is not JSON: ${(err as Error).message}`);
      return;
    }
    const parsed = clientMessageSchema.safeParse(value);
    if (!parsed.success) {
      sendError(idOf(value), 400, 'BadRequest', `invalid message: ${describeIssues(parsed.error.issues)}`);
      return;
    }
    handle(parsed.data);
  }

  function receiveBinary(data: Buffer): void {
    const frame = decodeExecFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (!frame) {
      sendError(
        0,
        400,
        'BadRequest',
        'a binary frame needs 4 bytes of id, 1 byte of channel 0-2 and a payload',
      );
      return;
    }
    if (frame.channel !== execChannel.stdin) {
      sendError(frame.id, 400, 'BadRequest', 'a client may only send stdin (channel 0)');
      return;
    }
    const exec = execOf(frame.id, 'stdin');
    if (!exec) return;
    // No byte is dropped: while the upstream's buffer is full, stop reading this socket.
    const written = exec.write(frame.payload.slice());
    if (++stdinWrites === 1) socket.pause();
    void written.finally(() => {
      if (--stdinWrites === 0) socket.resume();
    });
  }

  return {
    receive(data, isBinary) {
      if (isBinary) receiveBinary(data);
      else receiveText(data);
    },
    closeContext(name, message) {
      for (const [id, sub] of [...subscriptions]) {
        if (sub.cluster !== name) continue;
        subscriptions.delete(id);
        sub.stop();
        sendError(id, 404, 'NotFound', message);
      }
    },
    counts() {
      const counts = noSubscriptions();
      for (const sub of subscriptions.values()) counts[sub.kind]++;
      return counts;
    },
    bufferedBytes: () => out.bufferedBytes(),
    dispose() {
      for (const sub of subscriptions.values()) sub.stop();
      subscriptions.clear();
      out.close();
    },
  };
}
