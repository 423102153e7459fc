import type { DiscoveredResource } from '@porthole/sdk';

/** One API group of the resource index, with the kinds a user can list. */
export interface ResourceGroup {
  /** `''` is the core group. */
  group: string;
  resources: DiscoveredResource[];
}

/**
 * The kinds worth a list page, grouped by API group: one version per kind (the group's preferred one
 * when it serves the kind, else the first the server lists, as CronJob's `batch/v1beta1` on 1.20), only
 * kinds that can be listed and watched, narrowed by `filter` (kind or plural name, any case). Core
 * first, then groups by name; kinds by name.
 *
 * @example
 * groupResources(await discovery.resources('prod'), 'cron');
 * // [{ group: 'batch', resources: [{ kind: 'CronJob', version: 'v1beta1', ... }] }]
 */
export function groupResources(resources: readonly DiscoveredResource[], filter = ''): ResourceGroup[] {
  const needle = filter.trim().toLowerCase();
  const chosen = new Map<string, DiscoveredResource>();
  for (const r of resources) {
    if (!r.verbs.includes('list') || !r.verbs.includes('watch')) continue;
    if (needle && !r.kind.toLowerCase().includes(needle) && !r.resource.includes(needle)) continue;
    const key = `${r.group}/${r.resource}`;
    const before = chosen.get(key);
    if (!before || (r.preferred && !before.preferred)) chosen.set(key, r);
  }
  const groups = new Map<string, ResourceGroup>();
  for (const r of chosen.values()) {
    let entry = groups.get(r.group);
    if (!entry) {
      entry = { group: r.group, resources: [] };
      groups.set(r.group, entry);
    }
    entry.resources.push(r);
  }
  const sorted = [...groups.values()].sort((a, b) =>
    a.group === '' ? -1 : b.group === '' ? 1 : a.group.localeCompare(b.group),
  );
  for (const g of sorted) g.resources.sort((a, b) => a.kind.localeCompare(b.kind));
  return sorted;
}
