import type { KubeObject, MuxClient, WatchOneOptions, WatchOptions } from '@porthole/sdk';

/** A view of the tab's multiplexer client that remembers what it opened; see {@link createScopedMux}. */
export interface ScopedMux {
  /** Give this to one plugin root. Its `close()` ends only this scope's subscriptions, never the socket. */
  client: MuxClient;
  /** Ends every subscription opened through `client` and still open. */
  closeAll(): void;
  /** How many subscriptions opened through `client` are still open. */
  openCount(): number;
}

type Closable = { close(): void };

/**
 * Wraps the tab's one multiplexer client for one plugin root (a route's single-spa application): every
 * watch, log stream, exec session or cluster list the plugin opens through it is tracked, and
 * `closeAll()` (called on unmount) ends the ones still open, even those the plugin opened outside a
 * Solid owner. The socket stays shared.
 *
 * @example
 * const scope = createScopedMux(services.mux);
 * const pods = scope.client.watch({ cluster: 'prod', group: '', version: 'v1', resource: 'pods' });
 * scope.closeAll(); // pods is cancelled on the server
 */
export function createScopedMux(mux: MuxClient): ScopedMux {
  const open = new Set<Closable>();
  function track<T extends Closable>(subscription: T): T {
    open.add(subscription);
    const close = subscription.close.bind(subscription);
    subscription.close = () => {
      open.delete(subscription);
      close();
    };
    return subscription;
  }
  const closeAll = () => {
    for (const subscription of [...open]) subscription.close();
  };
  const client: MuxClient = {
    watch<T extends KubeObject>(options: WatchOptions) {
      return track(mux.watch<T>(options));
    },
    watchOne<T extends KubeObject>(options: WatchOneOptions) {
      return track(mux.watchOne<T>(options));
    },
    logs: (options) => track(mux.logs(options)),
    exec: (options) => track(mux.exec(options)),
    clusters: () => track(mux.clusters()),
    kubeconfigFiles: () => track(mux.kubeconfigFiles()),
    health: () => track(mux.health()),
    state: () => mux.state(),
    onStateChange: (listener) => {
      const off = mux.onStateChange(listener);
      const handle = { close: off };
      open.add(handle);
      return () => {
        open.delete(handle);
        off();
      };
    },
    close: closeAll,
  };
  return { client, closeAll, openCount: () => open.size };
}
