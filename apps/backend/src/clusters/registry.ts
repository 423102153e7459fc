import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { ClusterSummary, KubeconfigFileState } from '@porthole/protocol';
import { createListenerSet } from '../server/listener-set.ts';
import { summarizeClusters } from './cluster-summary.ts';
import { describeFiles } from './file-states.ts';
import { loadKubeconfigFile } from './kubeconfig.ts';
import { watchKubeconfigFiles } from './kubeconfig-watch.ts';
import { type FileState, nextFileState } from './last-good-state.ts';
import { type KubeconfigSource, mergeKubeconfigs } from './merge-kubeconfigs.ts';
import { type ClusterRegistryChange, diffContexts } from './registry-change.ts';
import { resolveContexts } from './resolve-contexts.ts';
import type { ResolvedContext } from './resolved-context.ts';

/** Options of {@link createClusterRegistry}. */
export interface ClusterRegistryOptions {
  /** Kubeconfig files in merge order; they need not exist (yet). */
  kubeconfigs: readonly string[];
  /** Sources that come before the files in the merge and never change (the `--in-cluster` context). */
  leadingSources?: readonly KubeconfigSource[];
  /** How long to gather file events before reading the files again. Default 40 ms. */
  debounceMs?: number;
  /** How long a file that had contents may stay deleted or empty before its contexts go. Default 150 ms. */
  settleMs?: number;
  /** Where a subscriber's exception goes; default `console.error`. */
  log?: (message: string) => void;
}

/** The clusters Porthole knows, from its kubeconfig files, kept live. Created once in `main`. */
export interface ClusterRegistry {
  /** One entry per context, as `kubectl config view --merge` lists them; never a credential. */
  list(): ClusterSummary[];
  /** Every kubeconfig file in merge order with its state and the entries with problems. */
  files(): KubeconfigFileState[];
  /** The context of that name with its cluster and user (credentials included: backend only). */
  get(name: string): ResolvedContext | undefined;
  /** Every context, in `list()` order. */
  contexts(): ResolvedContext[];
  /** The merged current context, if any file sets one. */
  currentContext(): string | undefined;
  /** Calls `listener` after every change of `list()`, `files()` or of a context; returns the unsubscribe function. */
  subscribe(listener: (change: ClusterRegistryChange) => void): () => void;
  /** Stops watching the files; no change is published afterwards. */
  close(): Promise<void>;
}

interface Snapshot {
  contexts: ResolvedContext[];
  byName: Map<string, ResolvedContext>;
  summaries: ClusterSummary[];
  files: KubeconfigFileState[];
  currentContext: string | undefined;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * Reads and merges the kubeconfig files (like kubectl), then keeps watching them: every change
 * recomputes the whole set and publishes the difference. A broken or missing file never fails this:
 * `files()` says what is wrong with it (`list()` holds contexts only), and a file that breaks keeps its
 * last good contexts until it is fixed.
 *
 * @example
 * const clusters = await createClusterRegistry({ kubeconfigs: ['/home/me/.kube/config'] });
 * const stop = clusters.subscribe(({ removed }) => removed.forEach(closeStreamsOf));
 * const app = createApp({ clusters });
 * // on shutdown: stop(); await clusters.close();
 */
export async function createClusterRegistry(options: ClusterRegistryOptions): Promise<ClusterRegistry> {
  const paths = [...new Set(options.kubeconfigs.filter((p) => p !== '').map((p) => resolve(p)))];
  const debounceMs = options.debounceMs ?? 40;
  const settleMs = options.settleMs ?? 150;
  const log = options.log ?? console.error;
  // Fingerprints are keyed so they can't help guess a credential; one key per registry keeps them comparable.
  const fingerprintKey = randomBytes(32);
  const listeners = createListenerSet<ClusterRegistryChange>('cluster registry', log);
  let states = new Map<string, FileState>();
  let snapshot: Snapshot = {
    contexts: [],
    byName: new Map(),
    summaries: [],
    files: [],
    currentContext: undefined,
  };
  let closed = false;
  let debounce: NodeJS.Timeout | undefined;
  let recheck: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let runAgain = false;

  function update(next: Snapshot): void {
    const before = snapshot;
    snapshot = next;
    const diff = diffContexts(before.contexts, next.contexts);
    const listChanged =
      JSON.stringify(before.summaries) !== JSON.stringify(next.summaries) ||
      JSON.stringify(before.files) !== JSON.stringify(next.files);
    if (diff.added.length + diff.removed.length + diff.changed.length === 0 && !listChanged) return;
    listeners.publish({
      ...diff,
      clusters: next.summaries.map((s) => ({ ...s })),
      files: structuredClone(next.files),
    });
  }

  async function reload(): Promise<void> {
    const results = await Promise.all(paths.map(loadKubeconfigFile));
    if (closed) return;
    const now = Date.now();
    let recheckInMs: number | undefined;
    const next = new Map<string, FileState>();
    for (const [i, path] of paths.entries()) {
      const outcome = nextFileState(states.get(path), results[i]!, now, settleMs);
      next.set(path, outcome.state);
      if (outcome.recheckInMs !== undefined)
        recheckInMs = Math.min(recheckInMs ?? Infinity, outcome.recheckInMs);
    }
    states = next;
    if (recheckInMs !== undefined) {
      clearTimeout(recheck);
      recheck = setTimeout(run, recheckInMs + 1).unref();
    }
    const sources = [...(options.leadingSources ?? []), ...paths.map((path) => next.get(path)!)];
    const merged = mergeKubeconfigs(sources);
    const contexts = deepFreeze(resolveContexts(merged, { fingerprintKey }));
    update({
      contexts,
      byName: new Map(contexts.map((c) => [c.name, c])),
      summaries: deepFreeze(summarizeClusters(contexts)),
      files: deepFreeze(describeFiles(sources, merged)),
      currentContext: merged.currentContext,
    });
    watch.refresh();
  }

  /** One reload at a time; events during a reload cause one more. */
  function run(): void {
    if (closed) return;
    if (running) {
      runAgain = true;
      return;
    }
    running = reload()
      .catch((err: unknown) => log(`porthole: reading the kubeconfig files failed: ${String(err)}`))
      .finally(() => {
        running = undefined;
        if (runAgain) {
          runAgain = false;
          schedule();
        }
      });
  }

  function schedule(): void {
    // Not reset by later events: a file written continuously must still be read every debounceMs.
    if (closed || debounce !== undefined) return;
    debounce = setTimeout(() => {
      debounce = undefined;
      run();
    }, debounceMs).unref();
  }

  const watch = watchKubeconfigFiles({ paths, onChange: schedule });
  run();
  await running;

  return {
    list: () => snapshot.summaries.map((s) => ({ ...s })),
    files: () => structuredClone(snapshot.files),
    get: (name) => snapshot.byName.get(name),
    contexts: () => [...snapshot.contexts],
    currentContext: () => snapshot.currentContext,
    subscribe(listener) {
      if (closed) return () => {};
      return listeners.add(listener);
    },
    async close() {
      closed = true;
      clearTimeout(debounce);
      clearTimeout(recheck);
      watch.close();
      listeners.clear();
      await running;
    },
  };
}
