import {
  type AccessReview,
  type Discovery,
  findListableKinds,
  type HttpClient,
  reviewRules,
} from '@porthole/sdk';
import { sidebarKinds } from './sidebar-catalogue.ts';
import type { SidebarKind } from './sidebar-groups.ts';
import type { SidebarKindsArgs } from './sidebar-kinds.ts';

/**
 * The sidebar's kinds for a cluster and namespace choice (loaded once discovery has answered: not on the
 * first screen): what the cluster serves, narrowed by {@link findListableKinds}. Before any choice the
 * namespace is the one a list page would start in: all for someone who may list namespaces, else the
 * context's.
 *
 * @example
 * await loadSidebarKinds(deps, resources, { cluster: 'team-a@prod', namespace: undefined, home: 'team-a' });
 * // { kinds: [Pods, Deployments, ...], namespace: 'team-a' }
 */
export async function loadSidebarKinds(
  deps: { discovery: Discovery; http: HttpClient; access: AccessReview },
  args: SidebarKindsArgs,
): Promise<{ kinds: SidebarKind[]; namespace: string }> {
  const { access, http } = deps;
  const { cluster, namespace: chosen, home } = args;
  const where = async () => {
    if (chosen !== undefined) return chosen;
    const mayList = await access.canI(cluster, 'list', 'namespaces').then(
      (d) => d.allowed,
      () => true,
    );
    return mayList ? '' : (home ?? 'default');
  };
  const [resources, namespace] = await Promise.all([deps.discovery.resources(cluster), where()]);
  const kinds = await findListableKinds({
    access,
    rules: (ns) => reviewRules(http, cluster, ns),
    cluster,
    namespace,
    kinds: sidebarKinds(resources),
  });
  return { kinds, namespace };
}
