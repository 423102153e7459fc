import type { DiscoveredResource, KubeObject } from '@porthole/sdk';
import { type Component, lazy } from 'solid-js';

/** What every kind page section gets: the live object and its cluster's discovered resources. */
export interface KindDetailsProps {
  cluster: string;
  /** The object as last seen (live). */
  object: KubeObject;
  /** From discovery, to link related objects (empty until it arrives). */
  resources: readonly DiscoveredResource[];
  now: number;
}

// Each kind's section is its own chunk, loaded when a page of that kind opens.
const PodDetails = lazy(() => import('./PodDetails.tsx'));
const WorkloadDetails = lazy(() => import('./WorkloadDetails.tsx'));
const ServiceDetails = lazy(() => import('./ServiceDetails.tsx'));
const NodeDetails = lazy(() => import('./NodeDetails.tsx'));
const JobDetails = lazy(() => import('./JobDetails.tsx'));
const NamespaceDetails = lazy(() => import('./NamespaceDetails.tsx'));

const byResource: Record<string, Component<KindDetailsProps>> = {
  '/pods': PodDetails,
  'apps/deployments': WorkloadDetails,
  'apps/statefulsets': WorkloadDetails,
  'apps/daemonsets': WorkloadDetails,
  'apps/replicasets': WorkloadDetails,
  '/services': ServiceDetails,
  '/nodes': NodeDetails,
  'batch/jobs': JobDetails,
  '/namespaces': NamespaceDetails,
};

/**
 * The section a kind's page adds above the generic overview, by `group/resource` (`''` is core);
 * `undefined` for kinds with none.
 *
 * @example
 * const Details = kindDetailsFor('apps', 'deployments');
 */
export function kindDetailsFor(group: string, resource: string): Component<KindDetailsProps> | undefined {
  return byResource[`${group}/${resource}`];
}
