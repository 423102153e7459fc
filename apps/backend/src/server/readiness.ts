/** Whether this replica should get new work; `reason` says why not. */
export type ReadinessState = { ready: true } | { ready: false; reason: string };

/** `GET /readyz`'s answer, turned off once when the replica starts draining. */
export interface Readiness {
  state(): ReadinessState;
  /** From now on not ready, for good: `reason` is what `/readyz` says. */
  drain(reason: string): void;
  draining(): boolean;
}

/**
 * Creates the readiness of a replica that is ready from the start (`createConsole` resolves only once
 * the kubeconfig files and the plugin registry are loaded) until it drains.
 *
 * @example
 * const readiness = createReadiness();
 * process.on('SIGTERM', () => readiness.drain('the server is shutting down'));
 */
export function createReadiness(): Readiness {
  let reason: string | undefined;
  return {
    state: () => (reason === undefined ? { ready: true } : { ready: false, reason }),
    drain(why) {
      reason ??= why;
    },
    draining: () => reason !== undefined,
  };
}
