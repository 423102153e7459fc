import type { Context } from '@kubernetes/client-node';
import { type ClusterSummary, type Distribution, distributionSchema } from '@porthole/protocol';
import { distributionExtension, type MergedKubeconfig, type Sourced } from './kubeconfig.ts';

/** The outcome of {@link detectDistribution}: an invalid declaration is reported, not guessed around silently. */
export interface DetectDistributionResult {
  distribution: Distribution;
  error?: string;
}

/**
 * Which distribution a cluster is: the `porthole.dev/distribution` extension when one is declared
 * (context first, then cluster), else `rancher` for a server under `/k8s/clusters/`, else `kubernetes`.
 *
 * @example
 * detectDistribution('https://rancher.example.com/k8s/clusters/c-m-1234', []).distribution; // 'rancher'
 */
export function detectDistribution(server: string, declared: readonly unknown[]): DetectDistributionResult {
  const value = declared.find((d) => d !== undefined);
  const guessed: Distribution = pathOf(server).includes('/k8s/clusters/') ? 'rancher' : 'kubernetes';
  if (value === undefined) return { distribution: guessed };
  const parsed = distributionSchema.safeParse(value);
  if (parsed.success) return { distribution: parsed.data };
  const allowed = distributionSchema.options.join(', ');
  return {
    distribution: guessed,
    error: `${distributionExtension} is ${JSON.stringify(value)}, expected one of ${allowed}`,
  };
}

function pathOf(server: string): string {
  try {
    return new URL(server).pathname;
  } catch {
    return server;
  }
}

/** The server URL without any user:password part, which would be a credential. */
function withoutUserinfo(server: string): string {
  try {
    const url = new URL(server);
    if (!url.username && !url.password) return server;
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return server;
  }
}

function summarizeContext(
  merged: MergedKubeconfig,
  { value: context, source, declaredDistribution }: Sourced<Context>,
) {
  const cluster = merged.clusters.get(context.cluster);
  const server = cluster ? withoutUserinfo(cluster.value.server) : '';
  const errors: string[] = [];
  if (!cluster) errors.push(`cluster "${context.cluster}" is not defined in any kubeconfig`);
  if (context.user && !merged.users.has(context.user))
    errors.push(`user "${context.user}" is not defined in any kubeconfig`);
  const detected = detectDistribution(server, [declaredDistribution, cluster?.declaredDistribution]);
  if (detected.error) errors.push(detected.error);
  const summary: ClusterSummary = {
    name: context.name,
    server,
    distribution: detected.distribution,
    namespace: context.namespace ?? 'default',
    source,
  };
  if (errors.length > 0) summary.error = errors.join('; ');
  return summary;
}

/**
 * What `GET /api/clusters` shows for a merged kubeconfig: one entry per context, built field by field
 * so no credential can slip through, then one entry per file that could not be used (named by its
 * path, with an empty server and the reason in `error`).
 *
 * @example
 * summarizeClusters(merged).map((c) => c.name); // ['admin@alpha', 'viewer@alpha', '/broken/config']
 */
export function summarizeClusters(merged: MergedKubeconfig): ClusterSummary[] {
  const fromContexts = merged.contexts.map((context) => summarizeContext(merged, context));
  const fromErrors = merged.errors.map(
    ({ source, error }): ClusterSummary => ({
      name: source,
      server: '',
      distribution: 'kubernetes',
      namespace: 'default',
      source,
      error: `kubeconfig ${source} ${error}`,
    }),
  );
  return [...fromContexts, ...fromErrors];
}
