import { StatusError } from '@porthole/protocol';
import { requireSafePath } from '../server/security.ts';

/** The prefix every proxied request starts with. */
export const clusterPathPrefix = '/clusters/';

/** A `/clusters/{name}/{rest}?{query}` request target taken apart. */
export interface ClusterPath {
  /** The context name, percent-decoded. */
  name: string;
  /** The Kubernetes API path as the client sent it (still percent-encoded), `/` when empty. */
  path: string;
  /** The query string as the client sent it, with its `?`, or `''`. */
  search: string;
}

/** True when `target` (a raw request target) is handled by the cluster proxy. */
export function isClusterPath(target: string): boolean {
  return target.startsWith(clusterPathPrefix);
}

/**
 * Splits a raw `/clusters/{name}/...` request target into the context name, the API path and the query,
 * after refusing (400) anything that could leave `/clusters/{name}/` (`..`, `%2e%2e`, `%2F`, `\`).
 *
 * @example
 * parseClusterPath('/clusters/admin%40alpha/api/v1/pods?watch=1');
 * // { name: 'admin@alpha', path: '/api/v1/pods', search: '?watch=1' }
 */
export function parseClusterPath(target: string): ClusterPath {
  requireSafePath(target);
  if (!isClusterPath(target)) throw StatusError.badRequest(`expected a path under ${clusterPathPrefix}`);
  const q = target.indexOf('?');
  const pathname = q < 0 ? target : target.slice(0, q);
  const search = q < 0 ? '' : target.slice(q);
  const rest = pathname.slice(clusterPathPrefix.length);
  const slash = rest.indexOf('/');
  const rawName = slash < 0 ? rest : rest.slice(0, slash);
  // requireSafePath has already checked that every segment decodes.
  const name = decodeURIComponent(rawName);
  if (name === '')
    throw StatusError.badRequest('the request path names no cluster: use /clusters/{name}/...');
  return { name, path: slash < 0 ? '/' : rest.slice(slash), search };
}

/**
 * The upstream request path: the cluster server URL's own path prefix (Rancher's
 * `/k8s/clusters/c-abc`) followed by the API path and the query.
 *
 * @example
 * upstreamPath(new URL('https://rancher.example/k8s/clusters/c-abc/'), { name: 'x', path: '/api/v1/pods', search: '' });
 * // '/k8s/clusters/c-abc/api/v1/pods'
 */
export function upstreamPath(server: URL, target: ClusterPath): string {
  const prefix = server.pathname.replace(/\/+$/, '');
  return `${prefix}${target.path}${target.search}`;
}
