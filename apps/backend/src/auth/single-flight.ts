/**
 * Runs at most one `work` at a time: callers that arrive while it runs share its outcome, the next
 * caller after it settles starts a new run.
 */
export interface SingleFlight<T> {
  run(work: () => Promise<T>): Promise<T>;
  /** True while a run is in progress. */
  readonly busy: boolean;
}

/**
 * Creates a {@link SingleFlight}: how an exec plugin runs once for 20 concurrent requests.
 *
 * @example
 * const flight = createSingleFlight<string>();
 * const [a, b] = await Promise.all([flight.run(fetchToken), flight.run(fetchToken)]); // one fetch
 */
export function createSingleFlight<T>(): SingleFlight<T> {
  let current: Promise<T> | undefined;
  return {
    run(work) {
      if (current) return current;
      // Started in a microtask so a `work` that throws synchronously still settles through `finally`.
      const started: Promise<T> = Promise.resolve()
        .then(work)
        .finally(() => {
          if (current === started) current = undefined;
        });
      current = started;
      return started;
    },
    get busy() {
      return current !== undefined;
    },
  };
}
