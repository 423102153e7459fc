/** Which resource of which cluster: what the resource pages' URLs carry. */
export interface ResourceAddress {
  cluster: string;
  /** The API group; `''` (or `'core'`, as URLs spell it) is the core group. */
  group: string;
  version: string;
  /** The plural resource name, e.g. `configmaps`. */
  resource: string;
}

/** One object of a resource; `namespace` is absent for cluster-scoped kinds. */
export interface ObjectAddress extends ResourceAddress {
  namespace?: string;
  name: string;
}

/** How URLs spell the core group (an empty path segment would collapse). */
export const coreGroupSegment = 'core';
/** The namespace segment of a cluster-scoped object's URL. */
export const clusterScopeSegment = '_';

/**
 * The API group a URL segment names: `core` is the core group `''`.
 *
 * @example
 * groupFromSegment('core'); // ''
 * groupFromSegment('apps'); // 'apps'
 */
export function groupFromSegment(segment: string): string {
  return segment === coreGroupSegment ? '' : segment;
}

/**
 * The URL segment of an API group.
 *
 * @example
 * groupSegment(''); // 'core'
 */
export function groupSegment(group: string): string {
  return group === '' || group === coreGroupSegment ? coreGroupSegment : group;
}

const seg = encodeURIComponent;

/**
 * The resource index of a cluster: every kind it serves.
 *
 * @example
 * resourceIndexPath('admin@prod'); // '/c/admin%40prod/r'
 */
export function resourceIndexPath(cluster: string): string {
  return `/c/${seg(cluster)}/r`;
}

/**
 * The list page of a resource.
 *
 * @example
 * resourceListPath({ cluster: 'prod', group: '', version: 'v1', resource: 'configmaps' });
 * // '/c/prod/r/core/v1/configmaps'
 */
export function resourceListPath(address: ResourceAddress): string {
  const { cluster, group, version, resource } = address;
  return `${resourceIndexPath(cluster)}/${seg(groupSegment(group))}/${seg(version)}/${seg(resource)}`;
}

/**
 * The detail page of an object; a cluster-scoped object has `_` for its namespace.
 *
 * @example
 * resourceDetailPath({ cluster: 'prod', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'web', name: 'api' });
 * // '/c/prod/r/apps/v1/deployments/web/api'
 */
export function resourceDetailPath(address: ObjectAddress): string {
  const namespace = address.namespace ? seg(address.namespace) : clusterScopeSegment;
  return `${resourceListPath(address)}/${namespace}/${seg(address.name)}`;
}

/**
 * Group and version of an `apiVersion` (`apps/v1`, or `v1` for the core group).
 *
 * @example
 * parseApiVersion('batch/v1beta1'); // { group: 'batch', version: 'v1beta1' }
 * parseApiVersion('v1'); // { group: '', version: 'v1' }
 */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}
