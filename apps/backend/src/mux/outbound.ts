/** The parts of a `ws` WebSocket a session writes to. */
export interface MuxSocket {
  send(data: string | Uint8Array, callback?: (err?: Error) => void): void;
  /** Bytes accepted by `send` and not yet written to the network. */
  readonly bufferedAmount: number;
  close(code: number, reason: string): void;
  /** Stops reading the socket (backpressure on the client's stdin); `resume` starts again. */
  pause(): void;
  resume(): void;
}

/** A session's sending side: whether its socket is congested, and a way to wait until it is not. */
export interface Outbound {
  send(data: string | Uint8Array): void;
  /** True while more than `highWaterBytes` wait in the socket's buffer. */
  congested(): boolean;
  /** Resolves once the buffer is below `highWaterBytes` again (at once when it already is). */
  drained(): Promise<void>;
  bufferedBytes(): number;
  /** Stops waiting (the socket closed); pending `drained()` promises resolve. */
  close(): void;
}

/**
 * Wraps a socket with a congestion bound. `ws` emits no drain event on the WebSocket itself, so while
 * someone waits the buffer is checked every `pollMs`.
 *
 * @example
 * const out = createOutbound(socket, { highWaterBytes: 1 << 20 });
 * if (out.congested()) await out.drained();
 */
export function createOutbound(
  socket: MuxSocket,
  options: { highWaterBytes: number; pollMs?: number },
): Outbound {
  const waiting: (() => void)[] = [];
  let timer: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  const congested = () => !closed && socket.bufferedAmount > options.highWaterBytes;

  function check(): void {
    if (congested()) return;
    clearInterval(timer);
    timer = undefined;
    for (const resolve of waiting.splice(0)) resolve();
  }

  return {
    send(data) {
      if (!closed) socket.send(data);
    },
    congested,
    drained() {
      if (!congested()) return Promise.resolve();
      timer ??= setInterval(check, options.pollMs ?? 10);
      return new Promise((resolve) => waiting.push(resolve));
    },
    bufferedBytes: () => (closed ? 0 : socket.bufferedAmount),
    close() {
      closed = true;
      check();
    },
  };
}
