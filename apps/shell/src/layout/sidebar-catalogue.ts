import type { DiscoveredResource } from '@porthole/sdk';
import { groupResources } from '../resources/resource-index.ts';
import { customSection, type SidebarKind } from './sidebar-groups.ts';

/**
 * The sidebar's sections and their kinds, as people think of them: `resource.group` (no group: core).
 * A kind served by two groups names both, the one to prefer first (Ingress moved out of `extensions`).
 */
const catalogue: readonly (readonly [string, readonly string[]])[] = [
  [
    'Workloads',
    [
      'pods',
      'deployments.apps',
      'statefulsets.apps',
      'daemonsets.apps',
      'replicasets.apps',
      'jobs.batch',
      'cronjobs.batch',
    ],
  ],
  [
    'Network',
    [
      'services',
      'ingresses.networking.k8s.io',
      'ingresses.extensions',
      'endpointslices.discovery.k8s.io',
      'networkpolicies.networking.k8s.io',
    ],
  ],
  [
    'Config',
    ['configmaps', 'secrets', 'resourcequotas', 'limitranges', 'horizontalpodautoscalers.autoscaling'],
  ],
  ['Storage', ['persistentvolumeclaims', 'persistentvolumes', 'storageclasses.storage.k8s.io']],
  [
    'Access',
    [
      'serviceaccounts',
      'roles.rbac.authorization.k8s.io',
      'rolebindings.rbac.authorization.k8s.io',
      'clusterroles.rbac.authorization.k8s.io',
      'clusterrolebindings.rbac.authorization.k8s.io',
    ],
  ],
  ['Cluster', ['nodes', 'namespaces', 'events', 'customresourcedefinitions.apiextensions.k8s.io']],
];

// Kubernetes' own groups with a dot (a custom resource's group always has one).
const builtInGroups = new Set(
  'admissionregistration apiextensions apiregistration authentication authorization certificates coordination discovery events flowcontrol.apiserver internal.apiserver networking node rbac.authorization scheduling storage resource storagemigration metrics'
    .split(' ')
    .map((g) => `${g}.k8s.io`),
);

/**
 * The kinds the cluster serves that the sidebar offers (one version each, listable and watchable): the
 * catalogue's common kinds by section, then custom resources by API group and kind. Built-in kinds
 * outside the catalogue (Leases, ...) stay on the resource index.
 *
 * @example
 * sidebarKinds(await discovery.resources('prod')).map((k) => k.section); // ['Workloads', 'Workloads', ..., 'Custom resources']
 */
export function sidebarKinds(resources: readonly DiscoveredResource[]): SidebarKind[] {
  const chosen = groupResources(resources);
  const byKey = new Map<string, DiscoveredResource>(
    chosen.flatMap((g) => g.resources.map((r) => [`${r.resource}.${r.group}`, r] as const)),
  );
  const out: SidebarKind[] = [];
  for (const [section, keys] of catalogue) {
    const seen = new Set<string>();
    for (const key of keys) {
      const found = byKey.get(key.includes('.') ? key : `${key}.`);
      if (!found || seen.has(found.resource)) continue;
      seen.add(found.resource);
      out.push({ ...found, section, subgroup: '' });
    }
  }
  for (const group of chosen) {
    if (!group.group.includes('.') || builtInGroups.has(group.group)) continue;
    for (const r of group.resources) out.push({ ...r, section: customSection, subgroup: group.group });
  }
  return out;
}
