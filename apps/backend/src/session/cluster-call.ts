import { StatusError } from '@porthole/protocol';
import type { ResolvedContext } from '../clusters/resolved-context.ts';
import { parseClusterPath } from '../proxy/cluster-path.ts';
import { actingAs, requestUpstream, type UpstreamDeps, usableContext } from '../proxy/upstream-request.ts';
import type { ClusterCall } from './auth-mode.ts';

/** Bodies of auth calls are small Status or review objects. */
const maxBodyBytes = 1024 * 1024;

/** Where a {@link ClusterCall} goes: the proxy's upstream path, and the default context. */
export interface ClusterCallDeps extends UpstreamDeps {
  /** The context used when none is named (the kubeconfig's current context, else the first). */
  defaultContext(): string | undefined;
}

/**
 * The context names people may pick, the current context first.
 *
 * @example
 * contextNamesOf({ contexts: () => registry.contexts(), currentContext: () => registry.currentContext() });
 */
export function contextNamesOf(registry: {
  contexts(): ResolvedContext[];
  currentContext(): string | undefined;
}): string[] {
  const names = registry.contexts().map((c) => c.name);
  const current = registry.currentContext();
  return current && names.includes(current) ? [current, ...names.filter((n) => n !== current)] : names;
}

/**
 * Builds the {@link ClusterCall} auth modes use: a JSON request through the proxy's upstream path
 * (credentials of the principal, adapters, deadlines), the answer's status and parsed body.
 *
 * @example
 * const call = createClusterCall({ contexts: registry, credentials, people, adapterFor, agents, defaultContext });
 * await call(principal, undefined, { method: 'POST', path: '/apis/...', body });
 */
export function createClusterCall(deps: ClusterCallDeps): ClusterCall {
  return async (principal, contextName, request) => {
    const name = contextName ?? deps.defaultContext();
    if (name === undefined)
      throw StatusError.badRequest('the kubeconfig has no context to check the login with');
    const context = usableContext(deps.contexts, name);
    const data = request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body));
    const result = await requestUpstream(actingAs(deps, principal), {
      context,
      target: parseClusterPath(`/clusters/${encodeURIComponent(name)}${request.path}`),
      method: request.method,
      headers: {
        accept: 'application/json',
        ...(data ? { 'content-type': 'application/json', 'content-length': String(data.length) } : {}),
      },
      kind: 'http',
      body: data ? { kind: 'buffer', data } : { kind: 'none' },
    });
    if (result.kind === 'upgrade') {
      result.socket.destroy();
      throw StatusError.badRequest('the cluster switched protocols on a plain request');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of result.response as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBodyBytes) {
        result.response.destroy();
        throw StatusError.internal(new Error('the cluster answered an auth call with more than 1 MiB'));
      }
      chunks.push(chunk);
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      body = undefined;
    }
    return { status: result.response.statusCode ?? 502, body };
  };
}
