import type { Server } from 'node:http';

/** What {@link drainThenExit} needs from the running server. */
export interface DrainTarget {
  server: Pick<Server, 'close' | 'closeIdleConnections' | 'closeAllConnections'>;
  /** Turns `/readyz` off (first step). */
  readiness: { drain(reason: string): void };
  /** Tells every multiplexer socket to reconnect elsewhere (after the listener stopped accepting). */
  drain(reason: string): void;
  /** Releases everything else (file watches, upstream connections). */
  close(): Promise<void>;
}

/** Options of {@link drainThenExit}. */
export interface DrainOptions {
  /** The whole drain may take this long (`--shutdown-grace`); then every connection is cut. */
  graceMs: number;
  log: (message: string) => void;
  /** How long `/readyz` is 503 before the listener closes; default {@link notReadyLeadMs} (SIGINT: 0). */
  leadMs?: number;
  /** Called once everything is closed, or when the grace is over; default `process.exit(0)`. */
  exit?: () => void;
}

/**
 * How long `/readyz` answers 503 while the replica still serves, so load balancers and Endpoints stop
 * sending new work before the listener closes: a fifth of the grace, at most 5 s.
 */
export function notReadyLeadMs(graceMs: number): number {
  return Math.min(5_000, Math.floor(graceMs / 5));
}

/** When the remaining connections are cut: early enough that the exit lands inside the grace. */
export function cutAfterMs(graceMs: number): number {
  return graceMs - Math.min(1_000, Math.floor(graceMs / 10));
}

/**
 * SIGTERM's drain, in order: `/readyz` answers 503 at once; after {@link notReadyLeadMs} the listener
 * stops accepting and idle keep-alive connections close; then every `/ws` socket is closed with 1012 so
 * its client reconnects (through the load balancer, to another replica) and resumes; requests in flight
 * may finish. The process exits when nothing is left open, and at the latest within `graceMs`: long
 * streams, such as a proxied watch, are cut at {@link cutAfterMs}.
 *
 * @example
 * process.once('SIGTERM', () => drainThenExit({ server, readiness, drain, close }, { graceMs: 25_000, log: console.error }));
 */
export function drainThenExit(target: DrainTarget, options: DrainOptions): void {
  const exit = options.exit ?? (() => process.exit(0));
  const started = Date.now();
  const reason = 'this Porthole replica is shutting down';
  let done = false;
  const finish = (why: string) => {
    if (done) return;
    done = true;
    clearInterval(idleSweep);
    options.log(`porthole: drained in ${Date.now() - started} ms (${why}); exiting`);
    target.server.closeAllConnections();
    // Whatever close() still waits for must not hold the exit past the grace.
    const cap = setTimeout(exit, Math.max(50, options.graceMs - (Date.now() - started)));
    void target.close().finally(() => {
      clearTimeout(cap);
      exit();
    });
  };
  let idleSweep: ReturnType<typeof setInterval> | undefined;
  target.readiness.drain(reason);
  setTimeout(() => {
    target.server.close(() => finish('every connection closed'));
    target.server.closeIdleConnections();
    target.drain(reason);
    // Keep-alive connections that finish their request later close as soon as they are idle.
    idleSweep = setInterval(() => target.server.closeIdleConnections(), 200);
  }, options.leadMs ?? notReadyLeadMs(options.graceMs));
  setTimeout(
    () => finish('grace period over: the remaining connections were cut'),
    cutAfterMs(options.graceMs),
  );
}
