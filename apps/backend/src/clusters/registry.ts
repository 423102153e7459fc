import type { ClusterSummary } from '@porthole/protocol';
import { summarizeClusters } from './cluster-summary.ts';
import { loadKubeconfigFile, mergeKubeconfigs } from './kubeconfig.ts';

/** Options of {@link createClusterRegistry}. */
export interface ClusterRegistryOptions {
  /** Kubeconfig files in merge order. */
  kubeconfigs: readonly string[];
}

/** The clusters Porthole knows, from its kubeconfig files. Created once in `main` and passed to `createApp`. */
export interface ClusterRegistry {
  /** One entry per context, then one per unusable file; never a credential. */
  list(): ClusterSummary[];
  /** The merged current context, if any file sets one. */
  currentContext(): string | undefined;
}

/**
 * Reads and merges the kubeconfig files once. A broken or missing file never fails this: it shows up in
 * `list()` as an entry with an `error`.
 *
 * @example
 * const clusters = await createClusterRegistry({ kubeconfigs: ['/home/me/.kube/config'] });
 * const app = createApp({ clusters });
 */
export async function createClusterRegistry(options: ClusterRegistryOptions): Promise<ClusterRegistry> {
  const merged = mergeKubeconfigs(await Promise.all(options.kubeconfigs.map(loadKubeconfigFile)));
  const summaries = summarizeClusters(merged);
  return {
    list: () => summaries.map((s) => ({ ...s })),
    currentContext: () => merged.currentContext,
  };
}
