import type { ClusterSummary, KubeconfigFileState } from '@porthole/protocol';
import type { ResolvedContext } from './resolved-context.ts';

/** What changed in a registry, published to its subscribers. */
export interface ClusterRegistryChange {
  /** Context names that did not exist before. */
  added: string[];
  /** Context names that no longer exist: their open streams must end. */
  removed: string[];
  /** Context names whose fingerprint changed (server, credentials, namespace, error, ...). */
  changed: string[];
  /** The full new list, as `GET /api/clusters` now answers. */
  clusters: ClusterSummary[];
  /** Every kubeconfig file's state, as `GET /api/clusters/files` now answers. */
  files: KubeconfigFileState[];
}

/**
 * Which contexts were added, removed or changed (by fingerprint) between two sets.
 *
 * @example
 * diffContexts(before, after); // { added: ['new'], removed: ['old'], changed: [] }
 */
export function diffContexts(
  before: readonly ResolvedContext[],
  after: readonly ResolvedContext[],
): Omit<ClusterRegistryChange, 'clusters' | 'files'> {
  const old = new Map(before.map((c) => [c.name, c.fingerprint]));
  const now = new Map(after.map((c) => [c.name, c.fingerprint]));
  return {
    added: after.filter((c) => !old.has(c.name)).map((c) => c.name),
    removed: before.filter((c) => !now.has(c.name)).map((c) => c.name),
    changed: after.filter((c) => old.has(c.name) && old.get(c.name) !== c.fingerprint).map((c) => c.name),
  };
}
