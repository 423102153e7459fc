export type { AuthConfig, OidcClientConfig } from './cli/auth-flags.ts';
export type { ParseFlagsResult, ServeConfig } from './cli/flags.ts';
export { parseFlags, usage } from './cli/flags.ts';
export type {
  ClusterRegistry,
  ClusterRegistryOptions,
  LoadKubeconfigResult,
  MergedKubeconfig,
} from './clusters/index.ts';
export {
  createClusterRegistry,
  createClusterRoutes,
  detectDistribution,
  loadKubeconfigFile,
  mergeKubeconfigs,
  parseKubeconfig,
  summarizeClusters,
} from './clusters/index.ts';
export type { AppDeps } from './server/create-app.ts';
export { createApp } from './server/create-app.ts';
export type { Log } from './server/errors.ts';
export type { StaticFilesOptions } from './server/static-files.ts';
export { createStaticFiles } from './server/static-files.ts';
export type {
  Authenticated,
  AuthMode,
  AuthModeDeps,
  AuthModeFactories,
  AuthModeFactory,
  AuthModeName,
  AuthRequest,
  ClusterCall,
  Principal,
  PrincipalUpstream,
  SessionCookies,
  SessionPayload,
  SessionSealer,
} from './session/index.ts';
export {
  createSessionCookies,
  createSessionSealer,
  localPrincipal,
  principalId,
  safeReturnPath,
  sessionCookieName,
} from './session/index.ts';
