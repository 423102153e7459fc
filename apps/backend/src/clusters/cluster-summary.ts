import type { ClusterSummary } from '@porthole/protocol';
import type { KubeconfigFileError } from './merge-kubeconfigs.ts';
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
  if (context.error) summary.error = context.error;
  return summary;
}

function summarizeFileError({ source, error, keptLastGood }: KubeconfigFileError): ClusterSummary {
  const kept = keptLastGood ? '; the contexts it defined before are kept until it is fixed' : '';
  return {
    name: source,
    server: '',
    distribution: 'kubernetes',
    namespace: 'default',
    source,
    error: `kubeconfig ${source} ${error}${kept}`,
  };
}

/**
 * What `GET /api/clusters` shows: one entry per context, built field by field so no credential can
 * slip through, then one entry per file that can't be used right now (named by its path, with an empty
 * server and the reason in `error`).
 *
 * @example
 * summarizeClusters(contexts, merged.errors).map((c) => c.name); // ['admin@alpha', '/broken/config']
 */
export function summarizeClusters(
  contexts: readonly ResolvedContext[],
  fileErrors: readonly KubeconfigFileError[],
): ClusterSummary[] {
  return [...contexts.map(summarizeContext), ...fileErrors.map(summarizeFileError)];
}
