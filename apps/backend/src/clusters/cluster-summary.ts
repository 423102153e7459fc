import type { ClusterSummary } from '@porthole/protocol';
import type { ResolvedContext } from './resolved-context.ts';

/**
 * The server URL without any `user:password@` part, which would be a credential. Works on text that
 * is not a valid URL too, since a typo must not turn the password into something shown.
 *
 * @example
 * withoutUserinfo('https://alice:s3cret@c.example:6443/prefix'); // 'https://c.example:6443/prefix'
 */
export function withoutUserinfo(server: string): string {
  let text = server;
  try {
    const url = new URL(server);
    if (url.username || url.password) {
      url.username = '';
      url.password = '';
      text = url.toString().replace(/\/$/, '');
    }
  } catch {
    // Not a URL: the pattern below still finds a user:password part.
  }
  // Also for text a URL parser reads differently (`alice:pw@host` is scheme `alice:`).
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, '$1');
}

function summarizeContext(context: ResolvedContext): ClusterSummary {
  const summary: ClusterSummary = {
    name: context.name,
    server: withoutUserinfo(context.cluster?.config.server ?? ''),
    distribution: context.distribution,
    namespace: context.namespace,
    source: context.source,
  };
  if (context.cluster) summary.clusterName = context.cluster.name;
  if (context.user) summary.user = context.user.name;
  if (context.error) summary.error = context.error;
  return summary;
}

/**
 * What `GET /api/clusters` shows: one entry per context, exactly the contexts `kubectl config view
 * --merge` shows for the same files, built field by field so no credential can slip through. A file's
 * problem is not a context: file states are `describeFiles`' (`GET /api/clusters/files`).
 *
 * @example
 * summarizeClusters(contexts).map((c) => c.name); // ['admin@alpha', 'viewer@alpha']
 */
export function summarizeClusters(contexts: readonly ResolvedContext[]): ClusterSummary[] {
  return contexts.map(summarizeContext);
}
