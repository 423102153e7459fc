import { isAbsolute, resolve, sep } from 'node:path';
import type { z } from 'zod';
import type { clusterSchema, contextSchema, userSchema } from './kubeconfig-schema.ts';
import type { ClusterConfig, ExecConfig, UserConfig } from './resolved-context.ts';

// Turns validated kubeconfig entries into the shapes the proxy uses: paths absolute against the folder
// of the kubeconfig that names them (client-go's ResolvePaths), `*-data` decoded to PEM text.

function absolute(dir: string, path: string | null | undefined): string | undefined {
  if (!path) return undefined;
  return isAbsolute(path) ? path : resolve(dir, path);
}

function decoded(data: string | null | undefined): string | undefined {
  if (!data) return undefined;
  return Buffer.from(data.replace(/[\r\n]/g, ''), 'base64').toString('utf8');
}

/** Sets `key` only when `value` is defined, so absent fields stay absent (and out of fingerprints). */
function defined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A `clusters[].cluster` as a {@link ClusterConfig}. `dir` is the folder of the kubeconfig file.
 *
 * @example
 * toClusterConfig({ server: 'https://c:6443', 'certificate-authority': 'ca.crt' }, '/home/me/.kube').caFile;
 * // '/home/me/.kube/ca.crt'
 */
export function toClusterConfig(raw: z.infer<typeof clusterSchema>, dir: string): ClusterConfig {
  return defined({
    server: raw.server ?? '',
    caFile: absolute(dir, raw['certificate-authority']),
    caData: decoded(raw['certificate-authority-data']),
    insecureSkipTlsVerify: raw['insecure-skip-tls-verify'] ?? false,
    tlsServerName: raw['tls-server-name'] || undefined,
    proxyUrl: raw['proxy-url'] || undefined,
  });
}

function toExecConfig(raw: NonNullable<z.infer<typeof userSchema>['exec']>, dir: string): ExecConfig {
  // Like client-go: a bare name is looked up on PATH, anything with a separator is a path.
  const command =
    raw.command.includes(sep) || raw.command.includes('/') ? resolve(dir, raw.command) : raw.command;
  return defined({
    apiVersion: raw.apiVersion,
    command,
    args: raw.args ?? [],
    env: (raw.env ?? []).map(({ name, value }) => ({ name, value: value ?? '' })),
    installHint: raw.installHint || undefined,
    provideClusterInfo: raw.provideClusterInfo ?? false,
  });
}

/**
 * A `users[].user` as a {@link UserConfig}. `dir` is the folder of the kubeconfig file.
 *
 * @example
 * toUserConfig({ tokenFile: 'token' }, '/home/me/.kube').tokenFile; // '/home/me/.kube/token'
 */
export function toUserConfig(raw: z.infer<typeof userSchema>, dir: string): UserConfig {
  const impersonates = Boolean(raw.as || raw['as-uid'] || raw['as-groups']?.length || raw['as-user-extra']);
  return defined({
    token: raw.token || undefined,
    tokenFile: absolute(dir, raw.tokenFile),
    certFile: absolute(dir, raw['client-certificate']),
    certData: decoded(raw['client-certificate-data']),
    keyFile: absolute(dir, raw['client-key']),
    keyData: decoded(raw['client-key-data']),
    username: raw.username || undefined,
    password: raw.password || undefined,
    exec: raw.exec ? toExecConfig(raw.exec, dir) : undefined,
    authProvider: raw['auth-provider']
      ? { name: raw['auth-provider'].name, config: { ...raw['auth-provider'].config } }
      : undefined,
    impersonate: impersonates
      ? defined({
          user: raw.as || undefined,
          uid: raw['as-uid'] || undefined,
          groups: raw['as-groups'] ?? [],
          extra: { ...raw['as-user-extra'] },
        })
      : undefined,
  });
}

/**
 * A `contexts[].context` as the names it refers to; empty names count as absent, as in kubectl.
 *
 * @example
 * toContextRefs({ cluster: 'prod', user: 'me', namespace: '' }); // { cluster: 'prod', user: 'me' }
 */
export function toContextRefs(raw: z.infer<typeof contextSchema>): {
  cluster?: string;
  user?: string;
  namespace?: string;
} {
  return defined({
    cluster: raw.cluster || undefined,
    user: raw.user || undefined,
    namespace: raw.namespace || undefined,
  });
}
