import type { ContextHealth } from '@porthole/protocol';
import { createListenerSet } from '../server/listener-set.ts';
import type { ClusterRegistry } from './registry.ts';
import type { ResolvedContext } from './resolved-context.ts';

/** Options of {@link createHealthMonitor}. */
export interface HealthMonitorOptions {
  registry: Pick<ClusterRegistry, 'contexts' | 'subscribe'>;
  /** Probes one context; never rejects (see `probeContext`). */
  probe: (context: ResolvedContext) => Promise<ContextHealth>;
  /** Probes running at once; default 8. */
  concurrency?: number;
  /** How often the contexts are probed again while someone watches; default 30 s. */
  refreshMs?: number;
  /** Answers gathered before subscribers hear of them; default 100 ms. */
  publishMs?: number;
  log?: (message: string) => void;
}

/** The health of every context, probed while someone watches. Created once per backend. */
export interface HealthMonitor {
  /** Every context in registry order, `checking` until its first answer. */
  list(): ContextHealth[];
  /** Probes these contexts (all when absent) again now, unless a probe of them is already running. */
  check(names?: readonly string[]): void;
  /**
   * Calls `listener` with the whole list when answers arrive; the first subscriber starts the probes
   * and the periodic refresh, the last one leaving stops the refresh. Returns the unsubscribe function.
   */
  subscribe(listener: (list: ContextHealth[]) => void): () => void;
  /** Open probes and queued ones, for tests and the benchmark. */
  pending(): number;
  close(): void;
}

interface Entry {
  fingerprint: string;
  health?: ContextHealth;
}

/**
 * Probes contexts' health with a concurrency cap (a kubeconfig of 300 contexts never opens 300 sockets
 * at once), only while someone subscribes or asks, and again every `refreshMs`; a context that changed
 * (new fingerprint) is probed again at once, a removed one is forgotten.
 *
 * @example
 * const health = createHealthMonitor({ registry, probe: (c) => probeContext(deps, c) });
 * const stop = health.subscribe((list) => send(list));
 */
export function createHealthMonitor(options: HealthMonitorOptions): HealthMonitor {
  const concurrency = options.concurrency ?? 8;
  const refreshMs = options.refreshMs ?? 30_000;
  const publishMs = options.publishMs ?? 100;
  const listeners = createListenerSet<ContextHealth[]>('health monitor', options.log ?? console.error);
  const entries = new Map<string, Entry>();
  const queue: string[] = [];
  const queued = new Set<string>();
  const running = new Set<string>();
  let watchers = 0;
  let refresh: NodeJS.Timeout | undefined;
  let publishTimer: NodeJS.Timeout | undefined;
  let closed = false;

  const byName = () => new Map(options.registry.contexts().map((c) => [c.name, c]));

  function list(): ContextHealth[] {
    return options.registry.contexts().map((c) => {
      const entry = entries.get(c.name);
      return entry?.fingerprint === c.fingerprint && entry.health
        ? { ...entry.health }
        : { name: c.name, state: 'checking' as const };
    });
  }

  function publishSoon(): void {
    if (closed || publishTimer !== undefined || watchers === 0) return;
    publishTimer = setTimeout(() => {
      publishTimer = undefined;
      listeners.publish(list());
    }, publishMs).unref();
  }

  function pump(): void {
    while (!closed && running.size < concurrency && queue.length > 0) {
      const name = queue.shift()!;
      queued.delete(name);
      const context = byName().get(name);
      if (!context) continue;
      running.add(name);
      void options
        .probe(context)
        .then((health) => {
          // A context changed or removed meanwhile: this answer is about something that is gone.
          if (byName().get(name)?.fingerprint !== context.fingerprint) return;
          entries.set(name, { fingerprint: context.fingerprint, health });
          publishSoon();
        })
        .finally(() => {
          running.delete(name);
          pump();
        });
    }
  }

  function enqueue(names: Iterable<string>): void {
    for (const name of names) {
      if (queued.has(name) || running.has(name)) continue;
      queued.add(name);
      queue.push(name);
    }
    pump();
  }

  /** Contexts never probed, or probed before their last change. */
  function stale(): string[] {
    return options.registry
      .contexts()
      .filter((c) => entries.get(c.name)?.fingerprint !== c.fingerprint || !entries.get(c.name)?.health)
      .map((c) => c.name);
  }

  const stopFollowing = options.registry.subscribe((change) => {
    for (const name of change.removed) entries.delete(name);
    if (watchers > 0) enqueue([...change.added, ...change.changed]);
    publishSoon();
  });

  return {
    list,
    check(names) {
      if (closed) return;
      const known = byName();
      enqueue((names ?? [...known.keys()]).filter((n) => known.has(n)));
    },
    subscribe(listener) {
      if (closed) return () => {};
      const remove = listeners.add(listener);
      if (++watchers === 1) {
        enqueue(stale());
        refresh = setInterval(() => enqueue(byName().keys()), refreshMs).unref();
      }
      let left = false;
      return () => {
        if (left) return;
        left = true;
        remove();
        if (--watchers === 0) clearInterval(refresh);
      };
    },
    pending: () => running.size + queue.length,
    close() {
      closed = true;
      clearInterval(refresh);
      clearTimeout(publishTimer);
      stopFollowing();
      listeners.clear();
    },
  };
}
