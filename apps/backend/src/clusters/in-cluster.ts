import { readFile } from 'node:fs/promises';
import { isIPv6 } from 'node:net';
import { join, resolve } from 'node:path';
import type { KubeconfigSource } from './merge-kubeconfigs.ts';

/** The context (and cluster and user) name of the cluster Porthole runs in. */
export const inClusterContextName = 'in-cluster';

/** Options of {@link loadInClusterSource}: what a pod gets from Kubernetes. */
export interface InClusterOptions {
  /** Holds `token`, `ca.crt` and `namespace` (`/var/run/secrets/kubernetes.io/serviceaccount` in a pod). */
  serviceAccountDir: string;
  /** `KUBERNETES_SERVICE_HOST` and `KUBERNETES_SERVICE_PORT`. */
  service: { host: string; port: string };
}

async function mustRead(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : code;
    throw new Error(`--in-cluster: cannot read the service account's ${what} ${path}: ${why}`, {
      cause: err,
    });
  }
}

/**
 * The cluster Porthole runs in, as one more kubeconfig source that comes first in the merge (context,
 * cluster and user `in-cluster`, and the current context unless a kubeconfig sets one): the API server at
 * `https://KUBERNETES_SERVICE_HOST:KUBERNETES_SERVICE_PORT`, verified with the service account's
 * `ca.crt`, and its `token` file as a token file, which the credentials re-read whenever it changes (the
 * kubelet rotates projected tokens by swapping the folder's `..data` link). Like client-go's
 * InClusterConfig, a missing token or CA is an error at start; a missing `namespace` means `default`.
 *
 * @example
 * const source = await loadInClusterSource({
 *   serviceAccountDir: '/var/run/secrets/kubernetes.io/serviceaccount',
 *   service: { host: '10.96.0.1', port: '443' },
 * });
 * const clusters = await createClusterRegistry({ kubeconfigs: [], leadingSources: [source] });
 */
export async function loadInClusterSource(options: InClusterOptions): Promise<KubeconfigSource> {
  const dir = resolve(options.serviceAccountDir);
  const tokenFile = join(dir, 'token');
  const caFile = join(dir, 'ca.crt');
  if ((await mustRead(tokenFile, 'token')).trim() === '')
    throw new Error(`--in-cluster: the service account's token ${tokenFile} is empty`);
  await mustRead(caFile, 'CA certificate');
  const namespace = (await readFile(join(dir, 'namespace'), 'utf8').catch(() => '')).trim() || 'default';
  const { host, port } = options.service;
  const server = `https://${isIPv6(host) ? `[${host}]` : host}:${port}`;
  const name = inClusterContextName;
  return {
    path: dir,
    file: {
      path: dir,
      empty: false,
      currentContext: name,
      clusters: [{ name, source: dir, config: { server, caFile, insecureSkipTlsVerify: false } }],
      users: [{ name, source: dir, config: { tokenFile } }],
      contexts: [{ name, source: dir, cluster: name, user: name, namespace }],
    },
  };
}
