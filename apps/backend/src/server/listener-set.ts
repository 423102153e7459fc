/** Listeners of one kind of change; a listener that throws is logged and never stops the others. */
export interface ListenerSet<T> {
  /** Adds `listener`; returns the function that removes it. */
  add(listener: (change: T) => void): () => void;
  publish(change: T): void;
  clear(): void;
}

/**
 * @example
 * const listeners = createListenerSet<ClusterRegistryChange>('cluster registry', log);
 * const unsubscribe = listeners.add((change) => ...);
 * listeners.publish(change);
 */
export function createListenerSet<T>(what: string, log: (message: string) => void): ListenerSet<T> {
  const listeners = new Set<(change: T) => void>();
  return {
    add(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    publish(change) {
      for (const listener of [...listeners]) {
        try {
          listener(change);
        } catch (err) {
          log(`porthole: a ${what} subscriber failed: ${err instanceof Error ? err.stack : String(err)}`);
        }
      }
    },
    clear: () => listeners.clear(),
  };
}
