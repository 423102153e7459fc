import { type DiscoveredResource, pluralKind } from '@porthole/sdk';
import { clusterHref, resourceListHref } from '../routing/app-path.ts';
import type { NavSection } from '../routing/plugin-routes.ts';

/** The sidebar's sections of kinds, in order; `Custom resources` holds the kinds of API groups Kubernetes does not serve itself. */
export const sectionTitles = [
  'Workloads',
  'Network',
  'Config',
  'Storage',
  'Access',
  'Cluster',
  'Custom resources',
] as const;

/** The section of kinds from API groups Kubernetes does not serve itself. */
export const customSection = 'Custom resources';

/** A kind the sidebar may show: its section, and (custom resources) its API group's heading. */
export interface SidebarKind extends DiscoveredResource {
  section: string;
  /** The heading inside the section: the API group for custom resources, else `''`. */
  subgroup: string;
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
  const sections = sectionTitles.map((title): SidebarSection => ({ title, groups: [] }));
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
