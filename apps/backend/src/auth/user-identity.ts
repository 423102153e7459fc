import type { ResolvedContext } from '../clusters/resolved-context.ts';
import { CredentialFailure } from './credential-failure.ts';
import { execClusterInfo } from './exec-credential.ts';
import { createExecIdentity } from './exec-plugin.ts';
import type { FileReader } from './file-reader.ts';
import { anonymousIdentity, type IdentitySource } from './identity.ts';
import { createOidcIdentity } from './oidc.ts';
import type { OidcTokens } from './oidc-token-endpoint.ts';
import { createBasicIdentity, createTokenFileIdentity, createTokenIdentity } from './static-identity.ts';
import { readClusterCa } from './tls-material.ts';

/** What {@link createUserIdentity} needs from the credential provider. */
export interface UserIdentityDeps {
  files: FileReader;
  baseEnv: Record<string, string | undefined>;
  execTimeoutMs?: number;
  now?: () => number;
  /** Told about every OIDC refresh of this user. */
  onOidcRefreshed?: (tokens: OidcTokens) => void;
}

function failing(why: string): IdentitySource {
  return {
    get: () => Promise.reject(new CredentialFailure(why)),
    invalidate: () => {},
  };
}

/**
 * The identity source for the user of `context`, chosen as client-go does: a token (`tokenFile` read
 * over `token`) or basic auth, which win over an exec plugin or auth-provider (whose round trippers
 * leave a request that already has `Authorization` alone); token and basic auth together, or an exec
 * plugin with an auth-provider, are an error, as `kubectl` says. Only the `oidc` auth-provider exists.
 *
 * @example
 * const source = createUserIdentity(context, { files, baseEnv: process.env });
 */
export function createUserIdentity(context: ResolvedContext, deps: UserIdentityDeps): IdentitySource {
  const user = context.user;
  if (!user) return anonymousIdentity;
  const { config, name } = user;
  const hasToken = Boolean(config.token || config.tokenFile);
  const hasBasic = Boolean(config.username || config.password);
  if (hasToken && hasBasic) {
    return failing(`user "${name}" sets both a token and a username/password; only one is allowed`);
  }
  if (config.exec && config.authProvider) {
    return failing(`user "${name}" sets both an exec plugin and an auth-provider; only one is allowed`);
  }
  if (config.tokenFile) return createTokenFileIdentity(name, config.tokenFile, deps.files, config.token);
  if (config.token) return createTokenIdentity(name, config.token);
  if (hasBasic) return createBasicIdentity(name, config);
  if (config.exec) {
    const cluster = context.cluster?.config;
    return createExecIdentity({
      userName: name,
      exec: config.exec,
      baseEnv: deps.baseEnv,
      ...(cluster
        ? { clusterInfo: async () => execClusterInfo(cluster, await readClusterCa(cluster, deps.files)) }
        : {}),
      ...(deps.execTimeoutMs !== undefined ? { timeoutMs: deps.execTimeoutMs } : {}),
      ...(deps.now ? { now: deps.now } : {}),
    });
  }
  if (config.authProvider) {
    if (config.authProvider.name !== 'oidc') {
      return failing(
        `user "${name}" uses auth-provider "${config.authProvider.name}", which Porthole does not support ` +
          '(only "oidc"); configure an exec credential plugin instead',
      );
    }
    return createOidcIdentity({
      userName: name,
      source: user.source,
      config: config.authProvider.config,
      files: deps.files,
      ...(deps.now ? { now: deps.now } : {}),
      ...(deps.onOidcRefreshed ? { onRefreshed: deps.onOidcRefreshed } : {}),
    });
  }
  return anonymousIdentity;
}
