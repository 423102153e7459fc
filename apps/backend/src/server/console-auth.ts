import { createOidcAuthMode } from '../auth/oidc-login/oidc-auth-mode.ts';
import type { AuthConfig } from '../cli/auth-flags.ts';
import type { ClusterRegistry } from '../clusters/index.ts';
import type { UpstreamDeps } from '../proxy/upstream-request.ts';
import type { AuthMode } from '../session/auth-mode.ts';
import { contextNamesOf, createClusterCall } from '../session/cluster-call.ts';
import { type AuthModeFactories, createAuthMode } from '../session/create-auth-mode.ts';
import { createProxyAuthMode } from '../session/proxy-mode.ts';
import { createSessionCookies, type SessionCookies } from '../session/session-cookie.ts';
import { createSessionSealer, readSessionSecrets } from '../session/session-seal.ts';
import { createTokenAuthMode } from '../session/token-mode.ts';

/** The login modes built into this backend. */
export const builtInAuthModes: AuthModeFactories = {
  token: createTokenAuthMode,
  proxy: createProxyAuthMode,
  oidc: (deps) => createOidcAuthMode(deps),
};

/** The console's auth: the mode and, when there is a session secret, the session cookie. */
export interface ConsoleAuth {
  mode: AuthMode;
  sessions: SessionCookies | undefined;
}

/** What {@link createConsoleAuth} is given. */
export interface ConsoleAuthOptions {
  config: AuthConfig;
  registry: Pick<ClusterRegistry, 'contexts' | 'currentContext' | 'get'>;
  upstream: Omit<UpstreamDeps, 'contexts'>;
  factories?: AuthModeFactories | undefined;
  log: (message: string) => void;
}

/**
 * Builds the auth mode of `config.authMode` (default factories {@link builtInAuthModes}) with the
 * session cookie from `--session-secret-file`. Rejects with a readable Error (unreadable or weak
 * secret file, a mode not built) for `porthole serve` to print before it listens.
 *
 * @example
 * const auth = await createConsoleAuth({ config, registry: clusters, upstream: { credentials, people, adapterFor, agents }, log });
 */
export async function createConsoleAuth(options: ConsoleAuthOptions): Promise<ConsoleAuth> {
  const { config, registry } = options;
  const sessions = config.sessionSecretFile
    ? createSessionCookies({
        sealer: createSessionSealer(await readSessionSecrets(config.sessionSecretFile)),
        externalUrl: config.externalUrl,
      })
    : undefined;
  const call = createClusterCall({
    ...options.upstream,
    contexts: registry,
    defaultContext: () => contextNamesOf(registry)[0],
  });
  const mode = await createAuthMode(
    { config, sessions, call, contextNames: () => contextNamesOf(registry), log: options.log },
    { ...builtInAuthModes, ...options.factories },
  );
  return { mode, sessions };
}
