import type { AuthMode, AuthModeDeps } from './auth-mode.ts';
import { localPrincipal } from './principal.ts';

/**
 * Local mode: every request acts with the kubeconfig's credentials; nobody logs in.
 *
 * @example
 * (await localAuthMode.authenticate(req))?.principal.id; // 'local'
 */
export const localAuthMode: AuthMode = {
  name: 'local',
  loginPage: false,
  authenticate: async () => ({ principal: localPrincipal }),
};

/** Builds one mode from its deps; `createAuthMode` picks by `config.authMode`. */
export type AuthModeFactory = (deps: AuthModeDeps) => AuthMode | Promise<AuthMode>;

/** The factories of the login modes; a missing one refuses to start with a clear message. */
export type AuthModeFactories = Partial<Record<'token' | 'proxy' | 'oidc', AuthModeFactory>>;

/**
 * The auth mode `deps.config.authMode` names, built by its factory. Rejects with an Error whose message
 * says what is missing when the mode is not available in this build.
 *
 * @example
 * const mode = await createAuthMode(deps, { token: createTokenAuthMode, proxy: createProxyAuthMode });
 */
export async function createAuthMode(deps: AuthModeDeps, factories: AuthModeFactories): Promise<AuthMode> {
  const name = deps.config.authMode;
  if (name === 'local') return localAuthMode;
  const factory = factories[name];
  if (!factory) throw new Error(`--auth ${name} is not available in this build of Porthole yet`);
  return factory(deps);
}
