/** How long the client waits between reconnect attempts. */
export interface BackoffOptions {
  /** The ceiling of the first wait, in ms (default 250). */
  initialMs: number;
  /** No wait is longer than this, in ms (default 10,000). */
  maxMs: number;
}

export const defaultBackoff: BackoffOptions = { initialMs: 250, maxMs: 10_000 };

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): the wait
 * before attempt `attempt` (0 for the first retry) is uniform in `[0, min(maxMs, initialMs * 2^attempt))`,
 * so many tabs dropped by one backend restart spread their reconnects instead of arriving together.
 *
 * @example
 * backoffDelay(3, { initialMs: 250, maxMs: 10_000 }); // somewhere in [0, 2000)
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  // 2^attempt overflows to Infinity for big attempts; min() keeps the ceiling finite.
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}
