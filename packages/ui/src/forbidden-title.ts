/** Where a refused request was made: a namespace, all of them, or cluster-wide (a cluster-scoped kind). */
export interface ForbiddenPlace {
  /** The namespace; `''` or absent with `namespaced` means every namespace. */
  namespace?: string | undefined;
  /** False for a cluster-scoped kind (Nodes, Namespaces). Default true. */
  namespaced?: boolean | undefined;
}

/**
 * Where, in words: `in namespace web`, `in all namespaces`, `cluster-wide`.
 *
 * @example
 * forbiddenWhere({ namespace: 'web' }); // 'in namespace web'
 */
export function forbiddenWhere(place: ForbiddenPlace): string {
  if (place.namespaced === false) return 'cluster-wide';
  return place.namespace ? `in namespace ${place.namespace}` : 'in all namespaces';
}

/**
 * The heading of a refused list (or other verb): `You can't list Secrets in namespace default`.
 *
 * @example
 * forbiddenTitle('list', 'Nodes', { namespaced: false }); // "You can't list Nodes cluster-wide"
 */
export function forbiddenTitle(verb: string, what: string, place: ForbiddenPlace): string {
  return `You can't ${verb} ${what} ${forbiddenWhere(place)}`;
}
