import type { PluginManifest } from '@porthole/protocol';
import { matchRoutePattern } from './route-pattern.ts';

/** One route a plugin contributes, as its manifest lists it. */
export interface PluginRouteEntry {
  /** `plugin:path`, also the single-spa application name. */
  key: string;
  plugin: string;
  path: string;
  title: string;
  nav?: { section: string; icon?: string | undefined; order?: number | undefined } | undefined;
}

/**
 * Every route of the bundle's loadable plugins, in registry order, from the manifests alone.
 *
 * @example
 * pluginRoutes(manifest.plugins).map((r) => r.key); // ['cronjobs:cronjobs', 'cronjobs:cronjobs/:namespace/:name']
 */
export function pluginRoutes(manifests: readonly PluginManifest[]): PluginRouteEntry[] {
  return manifests.flatMap((m) =>
    m.status === 'ok'
      ? m.contributes.routes.map((r) => ({
          key: `${m.name}:${r.path}`,
          plugin: m.name,
          path: r.path,
          title: r.title,
          nav: r.nav,
        }))
      : [],
  );
}

/**
 * The one route that owns `rest` (the URL below `/c/{cluster}/`): the first that matches, a fixed
 * segment winning over a `:param` when two match. `undefined` when none does.
 *
 * @example
 * routeFor(routes, 'cronjobs/web/nightly'); // { route: { key: 'cronjobs:cronjobs/:namespace/:name', ... }, params: { namespace: 'web', name: 'nightly' } }
 */
export function routeFor(
  routes: readonly PluginRouteEntry[],
  rest: string,
): { route: PluginRouteEntry; params: Record<string, string> } | undefined {
  let best: { route: PluginRouteEntry; params: Record<string, string>; fixed: number } | undefined;
  for (const route of routes) {
    const params = matchRoutePattern(route.path, rest);
    if (!params) continue;
    const fixed = route.path.split('/').filter((s) => s !== '' && !s.startsWith(':')).length;
    if (!best || fixed > best.fixed) best = { route, params, fixed };
  }
  return best && { route: best.route, params: best.params };
}

/** A nav section and its entries, for the sidebar. */
export interface NavSection {
  section: string;
  entries: PluginRouteEntry[];
}

/**
 * The navigation from the routes that have `nav`: sections in first-seen order, entries by `order`
 * then title. No plugin code is needed to draw it.
 *
 * @example
 * navSections(pluginRoutes(manifests)); // [{ section: 'Workloads', entries: [{ title: 'CronJobs', ... }] }]
 */
export function navSections(routes: readonly PluginRouteEntry[]): NavSection[] {
  const sections = new Map<string, PluginRouteEntry[]>();
  for (const route of routes) {
    if (!route.nav || route.path.includes(':')) continue;
    const list = sections.get(route.nav.section) ?? [];
    list.push(route);
    sections.set(route.nav.section, list);
  }
  return [...sections].map(([section, entries]) => ({
    section,
    entries: entries.sort(
      (a, b) =>
        (a.nav?.order ?? Number.MAX_SAFE_INTEGER) - (b.nav?.order ?? Number.MAX_SAFE_INTEGER) ||
        a.title.localeCompare(b.title),
    ),
  }));
}
