import type { HttpClient } from './http-client.ts';
import { clusterPath } from './resource-path.ts';

/** One resource a cluster serves, from discovery. */
export interface DiscoveredResource {
  group: string;
  version: string;
  /** Plural name, e.g. `cronjobs`. */
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  /** True when `version` is the group's preferred version (what a resource index shows). */
  preferred: boolean;
}

interface APIResourceList {
  groupVersion: string;
  resources: { name: string; kind: string; namespaced: boolean; verbs: string[] }[];
}

interface APIGroupList {
  groups: {
    name: string;
    versions: { groupVersion: string; version: string }[];
    preferredVersion?: { version: string };
  }[];
}

/** What a cluster serves, discovered once per cluster and cached until {@link Discovery.invalidate}. */
export interface Discovery {
  /** Every resource of every served group version (subresources like `pods/log` left out). */
  resources(cluster: string): Promise<DiscoveredResource[]>;
  /**
   * The served version of a kind, the group's preferred version first: e.g. CronJob is `batch/v1` on new
   * clusters and `batch/v1beta1` on 1.20. `undefined` when the cluster doesn't serve it.
   */
  resourceFor(cluster: string, group: string, kind: string): Promise<DiscoveredResource | undefined>;
  invalidate(cluster?: string): void;
}

/**
 * Discovery with a cache per cluster; a failed discovery is not cached.
 *
 * @example
 * const cronJobs = await discovery.resourceFor('prod', 'batch', 'CronJob'); // { version: 'v1beta1', resource: 'cronjobs', ... }
 */
export function createDiscovery(http: HttpClient): Discovery {
  const cache = new Map<
    string,
    Promise<{ resources: DiscoveredResource[]; preferred: Map<string, string> }>
  >();

  async function discover(cluster: string) {
    const [core, groups] = await Promise.all([
      http.request<APIResourceList>({ method: 'GET', path: clusterPath(cluster, '/api/v1') }),
      http.request<APIGroupList>({ method: 'GET', path: clusterPath(cluster, '/apis') }),
    ]);
    const preferred = new Map<string, string>([['', 'v1']]);
    const lists = [core];
    const versions = groups.groups.flatMap((g) => {
      if (g.preferredVersion) preferred.set(g.name, g.preferredVersion.version);
      return g.versions.map((v) => v.groupVersion);
    });
    lists.push(
      ...(await Promise.all(
        versions.map((gv) =>
          http.request<APIResourceList>({ method: 'GET', path: clusterPath(cluster, `/apis/${gv}`) }),
        ),
      )),
    );
    const resources = lists.flatMap((list) => {
      const [group, version] = list.groupVersion.includes('/')
        ? list.groupVersion.split('/')
        : ['', list.groupVersion];
      return list.resources
        .filter((r) => !r.name.includes('/'))
        .map((r) => ({
          group: group ?? '',
          version: version ?? '',
          resource: r.name,
          kind: r.kind,
          namespaced: r.namespaced,
          verbs: r.verbs,
          preferred: preferred.get(group ?? '') === version,
        }));
    });
    return { resources, preferred };
  }

  function load(cluster: string) {
    let entry = cache.get(cluster);
    if (!entry) {
      entry = discover(cluster);
      cache.set(cluster, entry);
      entry.catch(() => cache.delete(cluster));
    }
    return entry;
  }

  return {
    resources: async (cluster) => (await load(cluster)).resources,
    async resourceFor(cluster, group, kind) {
      const { resources, preferred } = await load(cluster);
      const matches = resources.filter((r) => r.group === group && r.kind === kind);
      return matches.find((r) => r.version === preferred.get(group)) ?? matches[0];
    },
    invalidate(cluster) {
      if (cluster === undefined) cache.clear();
      else cache.delete(cluster);
    },
  };
}
