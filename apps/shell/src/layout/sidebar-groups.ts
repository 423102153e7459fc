import { type DiscoveredResource, pluralKind } from '@porthole/sdk';
import { groupResources } from '../resources/resource-index.ts';
import { clusterHref, resourceListHref } from '../routing/app-path.ts';
import type { NavSection } from '../routing/plugin-routes.ts';

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

/** The section of kinds from API groups Kubernetes does not serve itself. */
export const customSection = 'Custom resources';

// Kubernetes' own groups with a dot (a custom resource's group always has one).
const builtInGroups = new Set(
  'admissionregistration apiextensions apiregistration authentication authorization certificates coordination discovery events flowcontrol.apiserver internal.apiserver networking node rbac.authorization scheduling storage resource storagemigration metrics'
    .split(' ')
    .map((g) => `${g}.k8s.io`),
);

/** A kind the sidebar may show: its section, and (custom resources) its API group's heading. */
export interface SidebarKind extends DiscoveredResource {
  section: string;
  /** The heading inside the section: the API group for custom resources, else `''`. */
  subgroup: string;
}

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
  const byKey = new Map(
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

/** One link of the sidebar; `plugin` names the plugin whose route it is. */
export interface SidebarItem {
  title: string;
  href: string;
  plugin?: string;
}

/** A titled run of links inside a section (`title` `''`: no heading). */
export interface SidebarGroup {
  title: string;
  items: SidebarItem[];
}

/** A collapsible section of the sidebar. */
export interface SidebarSection {
  title: string;
  groups: SidebarGroup[];
}

/**
 * The sidebar: the sections of `kinds` (those the person may list) in catalogue order, each kind linking to
 * its list page; a plugin's nav section of the same name (any case) joins that section, its entry taking
 * the place of a kind entry of the same title (the CronJobs plugin's page for the CronJob list); other
 * plugin sections follow. Empty sections are left out.
 *
 * @example
 * buildSidebar('prod', sidebarKinds(resources), navSections(pluginRoutes(manifests)));
 * // [{ title: 'Workloads', groups: [{ title: '', items: [{ title: 'Pods', href: '/c/prod/r/core/v1/pods' }, ...] }] }, ...]
 */
export function buildSidebar(
  cluster: string,
  kinds: readonly SidebarKind[],
  plugins: readonly NavSection[],
): SidebarSection[] {
  const sections = [...catalogue.map(([title]) => title), customSection].map(
    (title): SidebarSection => ({ title, groups: [] }),
  );
  const find = (title: string) => sections.find((s) => s.title.toLowerCase() === title.toLowerCase());
  for (const kind of kinds) {
    const section = find(kind.section);
    if (!section) continue;
    let group = section.groups.find((g) => g.title === kind.subgroup);
    if (!group) {
      group = { title: kind.subgroup, items: [] };
      section.groups.push(group);
    }
    group.items.push({
      title: pluralKind(kind.kind, kind.resource),
      href: resourceListHref({ cluster, ...kind }),
    });
  }
  for (const { section: title, entries } of plugins) {
    let section = find(title);
    if (!section) {
      section = { title, groups: [] };
      sections.push(section);
    }
    let group = section.groups.find((g) => g.title === '');
    if (!group) {
      group = { title: '', items: [] };
      section.groups.unshift(group);
    }
    for (const entry of entries) {
      const item = { title: entry.title, href: clusterHref(cluster, entry.path), plugin: entry.plugin };
      const same = group.items.findIndex((i) => i.title === item.title && !i.plugin);
      if (same >= 0) group.items[same] = item;
      else group.items.push(item);
    }
  }
  return sections.filter((s) => s.groups.some((g) => g.items.length > 0));
}
