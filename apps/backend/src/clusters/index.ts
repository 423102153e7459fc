export { summarizeClusters, withoutUserinfo } from './cluster-summary.ts';
export type { DetectDistributionResult } from './distribution.ts';
export { detectDistribution, distributionExtension, readDistributionExtension } from './distribution.ts';
export { describeFiles } from './file-states.ts';
export type { HealthMonitor, HealthMonitorOptions } from './health-monitor.ts';
export { createHealthMonitor } from './health-monitor.ts';
export type { HealthProbeDeps } from './health-probe.ts';
export { probeContext } from './health-probe.ts';
export type {
  KubeconfigCluster,
  KubeconfigContext,
  KubeconfigFile,
  KubeconfigProblem,
  KubeconfigUser,
  LoadKubeconfigResult,
} from './kubeconfig.ts';
export { loadKubeconfigFile, parseKubeconfig } from './kubeconfig.ts';
export type { KubeconfigWatch, WatchKubeconfigFilesOptions } from './kubeconfig-watch.ts';
export { watchKubeconfigFiles } from './kubeconfig-watch.ts';
export type { KubeconfigFileError, KubeconfigSource, MergedKubeconfig } from './merge-kubeconfigs.ts';
export { mergeKubeconfigs } from './merge-kubeconfigs.ts';
export type { PrincipalHealth, PrincipalHealthOptions } from './principal-health.ts';
export { createPrincipalHealth } from './principal-health.ts';
export type { ClusterRegistry, ClusterRegistryOptions } from './registry.ts';
export { createClusterRegistry } from './registry.ts';
export type { ClusterRegistryChange } from './registry-change.ts';
export { diffContexts } from './registry-change.ts';
export type { ResolveContextsOptions } from './resolve-contexts.ts';
export { resolveContexts } from './resolve-contexts.ts';
export type {
  AuthProviderConfig,
  ClusterConfig,
  ExecConfig,
  ImpersonationConfig,
  ResolvedContext,
  UserConfig,
} from './resolved-context.ts';
export { createClusterRoutes } from './routes.ts';
