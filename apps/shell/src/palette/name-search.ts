import { clusterPath, type DiscoveredResource, type HttpClient, resourcePath } from '@porthole/sdk';
import { resourceDetailHref } from '../routing/app-path.ts';
import type { OpenWatch } from '../services/open-watches.ts';
import type { PaletteResult } from './rank-results.ts';

/** A kind to search objects of. */
export interface SearchKind {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}

/** How many names one kind's list brings at most. */
export const namesPerKind = 500;

interface MetadataList {
  items?: { metadata?: { name?: string; namespace?: string } }[];
  metadata?: { continue?: string };
}

/** The object of a kind as a result that opens its page. */
export function objectResult(
  cluster: string,
  kind: SearchKind,
  name: string,
  namespace: string | undefined,
): PaletteResult {
  return {
    type: 'object',
    name,
    kind: kind.kind,
    namespace,
    href: resourceDetailHref({ cluster, ...kind, name, ...(namespace ? { namespace } : {}) }),
  };
}

/**
 * The names of one kind's objects (in `namespace`, all when `''`), by one LIST of at most
 * {@link namesPerKind} as `PartialObjectMetadataList` (names only: no Secret's data comes to the page);
 * `truncated` says there were more, and `name` asks for one exact name (a field selector) instead.
 *
 * @example
 * await listNames(http, 'prod', configMaps, 'web'); // { results: [{ name: 'web-config', ... }], truncated: false }
 */
export async function listNames(
  http: HttpClient,
  cluster: string,
  kind: SearchKind,
  namespace: string,
  name?: string,
): Promise<{ results: PaletteResult[]; truncated: boolean }> {
  const ns = kind.namespaced && namespace ? namespace : undefined;
  const list = await http.request<MetadataList>({
    method: 'GET',
    path: clusterPath(cluster, resourcePath({ cluster, ...kind, ...(ns ? { namespace: ns } : {}) })),
    query:
      name === undefined ? { limit: namesPerKind } : { fieldSelector: `metadata.name=${name}`, limit: 1 },
    headers: { Accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json' },
  });
  const results = (list.items ?? []).flatMap((item) =>
    item.metadata?.name ? [objectResult(cluster, kind, item.metadata.name, item.metadata.namespace)] : [],
  );
  return { results, truncated: Boolean(list.metadata?.continue) };
}

/**
 * The objects of the tab's open live lists on `cluster` (no request: what the pages already hold), each
 * with the kind discovery names for its list; lists of other clusters or unknown kinds are skipped.
 *
 * @example
 * openObjects('prod', services.openWatches(), await discovery.resources('prod'));
 */
export function openObjects(
  cluster: string,
  open: readonly OpenWatch[],
  served: readonly DiscoveredResource[],
): PaletteResult[] {
  return open.flatMap((watch) => {
    const o = watch.options;
    const kind = served.find(
      (r) => r.group === o.group && r.version === o.version && r.resource === o.resource,
    );
    if (o.cluster !== cluster || !kind) return [];
    return watch.items().flatMap((item) => {
      const name = item.metadata.name;
      const namespace = item.metadata.namespace;
      return name
        ? [objectResult(cluster, kind, name, typeof namespace === 'string' ? namespace : undefined)]
        : [];
    });
  });
}
