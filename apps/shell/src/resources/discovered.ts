import type { DiscoveredResource, Discovery } from '@porthole/sdk';
import { type Accessor, createResource, type Resource } from 'solid-js';
import { groupFromSegment, type ResourceAddress } from './resource-paths.ts';

/**
 * The discovered entry of a resource address (`group` `''` or `core` is the core group).
 *
 * @example
 * findResource(await discovery.resources('prod'), { cluster: 'prod', group: 'core', version: 'v1', resource: 'pods' });
 */
export function findResource(
  resources: readonly DiscoveredResource[],
  address: ResourceAddress,
): DiscoveredResource | undefined {
  const group = address.group === 'core' ? '' : address.group;
  return resources.find(
    (r) => r.group === group && r.version === address.version && r.resource === address.resource,
  );
}

/**
 * The resource serving `kind` of `apiVersion` (an owner reference's target): that exact version when
 * served, else the group's preferred one.
 *
 * @example
 * findKind(resources, 'apps', 'v1', 'ReplicaSet')?.resource; // 'replicasets'
 */
export function findKind(
  resources: readonly DiscoveredResource[],
  group: string,
  version: string,
  kind: string,
): DiscoveredResource | undefined {
  const matches = resources.filter((r) => r.group === group && r.kind === kind);
  return matches.find((r) => r.version === version) ?? matches.find((r) => r.preferred) ?? matches[0];
}

/** What discovery said: the list, or the failure as a value. */
export type DiscoveryResult =
  | { ok: true; resources: readonly DiscoveredResource[] }
  | { ok: false; message: string };

/**
 * The cluster's discovered resources for a component, reloaded when the cluster changes; never rejects.
 *
 * @example
 * const discovered = createDiscovered(discovery, () => props.cluster);
 */
export function createDiscovered(discovery: Discovery, cluster: Accessor<string>): Resource<DiscoveryResult> {
  const [result] = createResource(cluster, async (name): Promise<DiscoveryResult> => {
    try {
      return { ok: true, resources: await discovery.resources(name) };
    } catch (err) {
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  });
  return result;
}

/** A resource page's address and what discovery says of it. */
export interface DiscoveredKind {
  /** The API group (`''` for core; the URL says `core`). */
  group: Accessor<string>;
  address: Accessor<ResourceAddress>;
  discovered: Resource<DiscoveryResult>;
  /** Every resource the cluster serves (empty while loading or after a failure). */
  resources: Accessor<readonly DiscoveredResource[]>;
  /** The discovered entry of this page's resource; undefined while loading or when not served. */
  kind: Accessor<DiscoveredResource | undefined>;
}

/**
 * The address of a resource page (from its URL props) and its discovered kind, for the list and detail
 * pages alike.
 *
 * @example
 * const { address, kind } = createDiscoveredKind(discovery, props);
 */
export function createDiscoveredKind(
  discovery: Discovery,
  props: { cluster: string; group: string; version: string; resource: string },
): DiscoveredKind {
  const group = () => groupFromSegment(props.group);
  const address = () => ({
    cluster: props.cluster,
    group: group(),
    version: props.version,
    resource: props.resource,
  });
  const discovered = createDiscovered(discovery, () => props.cluster);
  const resources = () => {
    const result = discovered();
    return result?.ok ? result.resources : [];
  };
  return { group, address, discovered, resources, kind: () => findResource(resources(), address()) };
}
