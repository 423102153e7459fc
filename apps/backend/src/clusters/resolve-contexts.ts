import { detectDistribution } from './distribution.ts';
import { fingerprintOf } from './fingerprint.ts';
import type { KubeconfigContext } from './kubeconfig.ts';
import type { MergedKubeconfig } from './merge-kubeconfigs.ts';
import type { ResolvedContext } from './resolved-context.ts';

/** Options of {@link resolveContexts}. */
export interface ResolveContextsOptions {
  /**
   * Keys the fingerprints (see `fingerprintOf`): fingerprints made with the same key are comparable.
   * A registry makes one random key and keeps it.
   */
  fingerprintKey: Uint8Array | string;
}

function resolveContext(
  merged: MergedKubeconfig,
  context: KubeconfigContext,
  fingerprintKey: Uint8Array | string,
): ResolvedContext {
  const errors: string[] = [];
  const cluster = context.cluster === undefined ? undefined : merged.clusters.get(context.cluster);
  const user = context.user === undefined ? undefined : merged.users.get(context.user);
  if (context.error) errors.push(context.error);
  else if (context.cluster === undefined) errors.push('the context names no cluster');
  else if (!cluster)
    errors.push(`cluster ${JSON.stringify(context.cluster)} is not defined in any kubeconfig`);
  if (cluster?.error) errors.push(cluster.error);
  else if (cluster?.config && !cluster.config.server)
    errors.push(`cluster ${JSON.stringify(cluster.name)} has no server`);
  if (context.user !== undefined && !user)
    errors.push(`user ${JSON.stringify(context.user)} is not defined in any kubeconfig`);
  if (user?.error) errors.push(user.error);

  const server = cluster?.config?.server ?? '';
  const detected = detectDistribution(server, [context.distribution, cluster?.distribution]);
  if (detected.error) errors.push(detected.error);

  const resolved: Omit<ResolvedContext, 'fingerprint'> = {
    name: context.name,
    namespace: context.namespace ?? 'default',
    source: context.source,
    distribution: detected.distribution,
    cluster: cluster?.config && { name: cluster.name, source: cluster.source, config: cluster.config },
    user: user?.config && { name: user.name, source: user.source, config: user.config },
    ...(errors.length > 0 ? { error: errors.join('; ') } : {}),
  };
  return { ...resolved, fingerprint: fingerprintOf(resolved, fingerprintKey) };
}

/**
 * Every context of a merged kubeconfig with the cluster and user it names. A context that can't be
 * used says why in `error` (cluster or user defined nowhere, a malformed entry, an invalid
 * `porthole.dev/distribution`), and its `fingerprint` changes whenever anything about it, its cluster
 * or its user changes.
 *
 * @example
 * const contexts = resolveContexts(mergeKubeconfigs(results), { fingerprintKey: randomBytes(32) });
 * contexts.find((c) => c.name === 'prod')?.cluster?.config.server; // 'https://prod.example:6443'
 */
export function resolveContexts(
  merged: MergedKubeconfig,
  options: ResolveContextsOptions,
): ResolvedContext[] {
  return merged.contexts.map((context) => resolveContext(merged, context, options.fingerprintKey));
}
