import type { DiscoveredResource } from '@porthole/sdk';
import { resourceDetailHref } from '../../routing/app-path.ts';
import { findKind } from '../discovered.ts';
import { parseApiVersion } from '../resource-paths.ts';

/** An object named by another (an owner reference, an Event's `involvedObject`). */
export interface RelatedObject {
  apiVersion: string;
  kind: string;
  name: string;
  /** The namespace to use when the kind is namespaced (the referring object's, or the reference's own). */
  namespace?: string | undefined;
}

/**
 * The page of an object another one names, found by discovery from its apiVersion and kind; `undefined`
 * when the cluster serves no such kind (or discovery has not answered yet).
 *
 * @example
 * relatedHref('prod', resources, { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d4f', namespace: 'web' });
 * // '/c/prod/r/apps/v1/replicasets/web/web-5d4f'
 */
export function relatedHref(
  cluster: string,
  resources: readonly DiscoveredResource[],
  related: RelatedObject,
): string | undefined {
  const { group, version } = parseApiVersion(related.apiVersion);
  const found = findKind(resources, group, version, related.kind);
  if (!found) return undefined;
  return resourceDetailHref({
    cluster,
    group: found.group,
    version: found.version,
    resource: found.resource,
    namespace: found.namespaced ? related.namespace : undefined,
    name: related.name,
  });
}
