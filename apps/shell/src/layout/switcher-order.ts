import type { ClusterSummary } from '@porthole/sdk';

/** How many recently used clusters are remembered. */
export const maxRecentClusters = 8;

/**
 * The switcher's list: the clusters matching `query` (name or server, any case), the recently used
 * ones first (most recent first), then the others by name.
 *
 * @example
 * orderClusters(items, ['prod', 'dev'], 'pr').map((c) => c.name); // ['prod', 'preview']
 */
export function orderClusters(
  items: readonly ClusterSummary[],
  recent: readonly string[],
  query: string,
): ClusterSummary[] {
  const text = query.trim().toLowerCase();
  const matching = text
    ? items.filter((c) => c.name.toLowerCase().includes(text) || c.server.toLowerCase().includes(text))
    : [...items];
  const rank = (name: string) => {
    const i = recent.indexOf(name);
    return i < 0 ? recent.length : i;
  };
  return matching.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

/**
 * The recent list after using `cluster`: it moves to the front, the list keeps at most
 * {@link maxRecentClusters}.
 *
 * @example
 * rememberCluster(['a', 'b'], 'b'); // ['b', 'a']
 */
export function rememberCluster(recent: readonly string[], cluster: string): string[] {
  return [cluster, ...recent.filter((c) => c !== cluster)].slice(0, maxRecentClusters);
}
