/**
 * The shell's route table. Every page below a cluster carries it in the URL (`/c/{cluster}/...`), so a
 * link names exactly what it shows. Reserved first segments below a cluster: `r` (resource pages) and
 * `plugins`; everything else below `/c/{cluster}/` belongs to the plugins' route extensions.
 *
 * | URL | page |
 * |---|---|
 * | `/` | picks the current (remembered) or first usable cluster; the cluster list when there is none |
 * | `/bundle`, `/c/{cluster}/plugins` | the plugins of the bundle (`/plugins/` and `/clusters/` are the backend's) |
 * | `/ui-gallery` | every component of `@porthole/ui`, in the light or dark theme (`?theme=dark`) |
 * | `/c/{cluster}` | the cluster's home (its contexts and the navigation) |
 * | `/c/{cluster}/r` | the resource index (every kind the cluster serves) |
 * | `/c/{cluster}/r/{group}/{version}/{resource}` | a resource list (`core` is the group `''`) |
 * | `/c/{cluster}/r/{group}/{version}/{resource}/{namespace}/{name}` | a namespaced object |
 * | `/c/{cluster}/r/{group}/{version}/{resource}/_/{name}` | a cluster-scoped object |
 * | `/c/{cluster}/{anything else}` | a plugin route (`rest` is matched against the plugins' paths) |
 */
export type AppRoute =
  | { page: 'root' }
  | { page: 'ui-gallery' }
  | { page: 'plugins'; cluster?: string }
  | { page: 'cluster-home'; cluster: string }
  | { page: 'resource-index'; cluster: string }
  | ({ page: 'resource-list' } & ResourcePageRef)
  | ({ page: 'resource-detail' } & ResourcePageRef & { namespace?: string; name: string })
  | { page: 'plugin-route'; cluster: string; rest: string }
  | { page: 'not-found'; path: string };

/** A resource kind in a cluster, as the resource pages get it (`group` is `''` for the core group). */
export interface ResourcePageRef {
  cluster: string;
  group: string;
  version: string;
  resource: string;
}

/** The URL segment of the core group, whose real name is `''`. */
export const coreGroupSegment = 'core';
/** The namespace segment of a cluster-scoped object's URL. */
export const clusterScopedSegment = '_';

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Reads a pathname into the page it names; undecodable or unknown paths are `not-found`.
 *
 * @example
 * parseAppPath('/c/prod/r/core/v1/pods/web/web-0');
 * // { page: 'resource-detail', cluster: 'prod', group: '', version: 'v1', resource: 'pods', namespace: 'web', name: 'web-0' }
 */
export function parseAppPath(pathname: string): AppRoute {
  const raw = pathname.split('/').filter((s) => s !== '');
  const segments = raw.map(decode);
  if (segments.some((s) => s === undefined)) return { page: 'not-found', path: pathname };
  const s = segments as string[];
  if (s.length === 0) return { page: 'root' };
  if (s.length === 1 && s[0] === 'bundle') return { page: 'plugins' };
  if (s.length === 1 && s[0] === 'ui-gallery') return { page: 'ui-gallery' };
  if (s[0] !== 'c' || s.length < 2) return { page: 'not-found', path: pathname };
  const cluster = s[1] as string;
  const below = s.slice(2);
  if (below.length === 0) return { page: 'cluster-home', cluster };
  if (below.length === 1 && below[0] === 'plugins') return { page: 'plugins', cluster };
  if (below.length === 1 && below[0] === 'r') return { page: 'resource-index', cluster };
  if (below[0] === 'r') {
    const [, groupSegment, version, resource, namespace, name] = below;
    if (!groupSegment || !version || !resource || below.length === 5 || below.length > 6)
      return { page: 'not-found', path: pathname };
    const ref = { cluster, group: groupSegment === coreGroupSegment ? '' : groupSegment, version, resource };
    if (below.length === 4) return { page: 'resource-list', ...ref };
    if (!name) return { page: 'not-found', path: pathname };
    return namespace === clusterScopedSegment
      ? { page: 'resource-detail', ...ref, name }
      : { page: 'resource-detail', ...ref, namespace: namespace as string, name };
  }
  // Keep the plugin's part as written (still encoded), so its own patterns see what its links produced.
  return { page: 'plugin-route', cluster, rest: raw.slice(2).join('/') };
}

/** `/c/{cluster}` and, when given, the path below it. */
export function clusterHref(cluster: string, rest = ''): string {
  const tail = rest.replace(/^\/+/, '');
  return `/c/${encodeURIComponent(cluster)}${tail ? `/${tail}` : ''}`;
}

/**
 * The resource index of a cluster: every kind it serves.
 *
 * @example
 * resourceIndexHref('admin@prod'); // '/c/admin%40prod/r'
 */
export function resourceIndexHref(cluster: string): string {
  return clusterHref(cluster, 'r');
}

/**
 * The URL of a resource list.
 *
 * @example
 * resourceListHref({ cluster: 'prod', group: '', version: 'v1', resource: 'configmaps' }); // '/c/prod/r/core/v1/configmaps'
 */
export function resourceListHref(ref: ResourcePageRef): string {
  const group = ref.group === '' ? coreGroupSegment : ref.group;
  return clusterHref(
    ref.cluster,
    ['r', group, ref.version, ref.resource].map((s) => encodeURIComponent(s)).join('/'),
  );
}

/**
 * The URL of one object; without a namespace it is cluster-scoped (`/_/{name}`).
 *
 * @example
 * resourceDetailHref({ cluster: 'prod', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'web', name: 'api' });
 * // '/c/prod/r/apps/v1/deployments/web/api'
 */
export function resourceDetailHref(ref: ResourcePageRef & { namespace?: string; name: string }): string {
  const namespace = ref.namespace ? encodeURIComponent(ref.namespace) : clusterScopedSegment;
  return `${resourceListHref(ref)}/${namespace}/${encodeURIComponent(ref.name)}`;
}

/** The href of a page as {@link parseAppPath} reads it (the inverse, for the pages that have a cluster). */
export function hrefOf(route: AppRoute): string {
  switch (route.page) {
    case 'root':
      return '/';
    case 'ui-gallery':
      return '/ui-gallery';
    case 'plugins':
      return route.cluster === undefined ? '/bundle' : clusterHref(route.cluster, 'plugins');
    case 'cluster-home':
      return clusterHref(route.cluster);
    case 'resource-index':
      return resourceIndexHref(route.cluster);
    case 'resource-list':
      return resourceListHref(route);
    case 'resource-detail':
      return resourceDetailHref(route);
    case 'plugin-route':
      return clusterHref(route.cluster, route.rest);
    case 'not-found':
      return route.path;
  }
}

/**
 * Where to go when the user picks another cluster on `pathname`: the same page where it means the
 * same thing there (a resource list, a plugin page, the plugins page); an object's page becomes the list
 * of its kind, since the object belongs to the old cluster.
 *
 * @example
 * switchClusterHref('/c/prod/r/core/v1/pods/web/web-0', 'staging'); // '/c/staging/r/core/v1/pods'
 */
export function switchClusterHref(pathname: string, cluster: string): string {
  const route = parseAppPath(pathname);
  switch (route.page) {
    case 'resource-list':
      return resourceListHref({ ...route, cluster });
    case 'resource-detail':
      return resourceListHref({ ...route, cluster });
    case 'plugins':
      return clusterHref(cluster, 'plugins');
    case 'resource-index':
      return resourceIndexHref(cluster);
    case 'plugin-route':
      return clusterHref(cluster, route.rest);
    default:
      return clusterHref(cluster);
  }
}

/** The cluster a page is about, when it has one. */
export function clusterOf(route: AppRoute): string | undefined {
  return 'cluster' in route ? route.cluster : undefined;
}
