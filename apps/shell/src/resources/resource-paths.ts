import { coreGroupSegment, type ResourcePageRef } from '../routing/app-path.ts';

/**
 * Which resource of which cluster: what the resource pages' URLs carry (`group` is `''` for the core
 * group). The URLs themselves are built by `routing/app-path.ts` (`resourceListHref`, ...).
 */
export type ResourceAddress = ResourcePageRef;

/** One object of a resource; `namespace` is absent for cluster-scoped kinds. */
export interface ObjectAddress extends ResourceAddress {
  namespace?: string;
  name: string;
}

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
