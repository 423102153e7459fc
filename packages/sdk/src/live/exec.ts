import {
  type ExecChannel,
  type ExecRequest,
  encodeExecFrame,
  execChannel,
  type ServerMessage,
  StatusError,
} from '@porthole/protocol';
import { statusErrorOf } from './server-message.ts';
import type { Subscription, SubscriptionChannel } from './subscription.ts';

/** What to run where: the wire `exec` request. */
export type ExecOptions = Omit<ExecRequest, 'op' | 'id'>;

/** How an exec ended: the exit code from the Kubernetes status (0 on success). */
export interface ExecExit {
  code: number;
  message?: string;
}

/**
 * A command or shell running in a container. Input written before the server opened the session is kept
 * and sent once it is open, in order. Not resumed after the client's socket drops: it then ends with a
 * 503 StatusError saying the connection was lost.
 */
export interface ExecSession {
  /** Sends bytes (a string is sent as UTF-8) to the process's stdin. */
  write(data: string | Uint8Array): void;
  /** Sets the terminal size (tty sessions). */
  resize(cols: number, rows: number): void;
  /** Ends stdin (servers speaking v5.channel.k8s.io; ignored by older ones). */
  closeStdin(): void;
  /** Calls `listener` with each chunk of stdout (1) or stderr (2); returns the unsubscribe function. */
  onOutput(listener: (channel: 1 | 2, bytes: Uint8Array) => void): () => void;
  /** Resolves when the session is open, with the Kubernetes subprotocol the backend negotiated. */
  opened: Promise<{ protocol: string }>;
  /** Resolves with the exit code; rejects with a StatusError when the session failed or was cut off. */
  exit: Promise<ExecExit>;
  /** Ends the session (`cancel`); `exit` rejects with a StatusError saying it was closed. */
  close(): void;
}

// Frames stay well under the multiplexer's message size limit.
const maxFramePayload = 64 * 1024;
const encoder = new TextEncoder();

/** The subscription behind {@link MuxClient.exec}. */
export function createExecSubscription(
  channel: SubscriptionChannel,
  options: ExecOptions,
): ExecSession & Subscription {
  const outputListeners = new Set<(channel: 1 | 2, bytes: Uint8Array) => void>();
  // Until the server says `open`: stdin kept in order, the latest size, whether stdin was closed.
  let pending: Uint8Array[] = [];
  let size: { cols: number; rows: number } | undefined;
  let stdinClosed = false;
  let isOpen = false;
  let over = false;

  let resolveOpened!: (value: { protocol: string }) => void;
  let rejectOpened!: (error: StatusError) => void;
  const opened = new Promise<{ protocol: string }>((resolve, reject) => {
    resolveOpened = resolve;
    rejectOpened = reject;
  });
  let resolveExit!: (value: ExecExit) => void;
  let rejectExit!: (error: StatusError) => void;
  const exit = new Promise<ExecExit>((resolve, reject) => {
    resolveExit = resolve;
    rejectExit = reject;
  });
  // Callers that never look at these must not get unhandled rejections.
  opened.catch(() => {});
  exit.catch(() => {});

  const fail = (error: StatusError) => {
    if (over) return;
    over = true;
    rejectOpened(error);
    rejectExit(error);
  };

  const sendStdin = (bytes: Uint8Array) => {
    for (let at = 0; at < bytes.length; at += maxFramePayload) {
      const payload = bytes.subarray(at, at + maxFramePayload);
      channel.sendBytes(encodeExecFrame({ id: channel.id, channel: execChannel.stdin, payload }));
    }
  };

  const flush = () => {
    if (size) channel.send({ op: 'resize', id: channel.id, ...size });
    for (const bytes of pending) sendStdin(bytes);
    pending = [];
    if (stdinClosed) channel.send({ op: 'stdin-close', id: channel.id });
  };

  function receive(message: ServerMessage) {
    if (over) return;
    if (message.op === 'open') {
      isOpen = true;
      resolveOpened({ protocol: message.protocol });
      flush();
    } else if (message.op === 'exit') {
      over = true;
      rejectOpened(StatusError.internal(new Error('exec exited before it opened')));
      resolveExit(
        message.message === undefined
          ? { code: message.code }
          : { code: message.code, message: message.message },
      );
      channel.release(false);
    } else if (message.op === 'error') {
      fail(statusErrorOf(message));
      channel.release(false);
    } else if (message.op === 'end') {
      fail(StatusError.internal(new Error('exec ended without an exit status')));
      channel.release(false);
    }
  }

  return {
    request(resumed) {
      if (over) return undefined;
      if (!resumed) {
        // Only the fields the wire knows: an options object may carry more.
        const { cluster, namespace, pod, container, command, tty, stdin } = options;
        return {
          op: 'exec',
          id: channel.id,
          cluster,
          namespace,
          pod,
          ...(container ? { container } : {}),
          command,
          tty,
          stdin,
        };
      }
      fail(connectionLost());
      return undefined;
    },
    receive,
    receiveBytes(from: ExecChannel, payload: Uint8Array) {
      if (over || from === execChannel.stdin) return;
      for (const listener of [...outputListeners]) listener(from, payload);
    },
    disconnected() {
      fail(connectionLost());
      channel.release(false);
    },
    terminated: () => fail(StatusError.serviceUnavailable('the multiplexer client was closed')),
    write(data) {
      if (over) return;
      const bytes = typeof data === 'string' ? encoder.encode(data) : data;
      if (bytes.length === 0) return;
      if (isOpen) sendStdin(bytes);
      else pending.push(bytes.slice());
    },
    resize(cols, rows) {
      if (over) return;
      size = { cols, rows };
      if (isOpen) channel.send({ op: 'resize', id: channel.id, cols, rows });
    },
    closeStdin() {
      if (over || stdinClosed) return;
      stdinClosed = true;
      if (isOpen) channel.send({ op: 'stdin-close', id: channel.id });
    },
    onOutput(listener) {
      outputListeners.add(listener);
      return () => outputListeners.delete(listener);
    },
    opened,
    exit,
    close() {
      if (over) return;
      fail(StatusError.gone('the exec session was closed by the client'));
      channel.release(true);
    },
  };
}

function connectionLost(): StatusError {
  return StatusError.serviceUnavailable(
    'the connection to Porthole was lost: the exec session ended (an exec is not resumed after a reconnect)',
  );
}
