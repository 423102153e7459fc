export type { DetectDistributionResult } from './cluster-summary.ts';
export { detectDistribution, summarizeClusters } from './cluster-summary.ts';
export type { KubeconfigFile, LoadKubeconfigResult, MergedKubeconfig, Sourced } from './kubeconfig.ts';
export {
  distributionExtension,
  loadKubeconfigFile,
  mergeKubeconfigs,
  parseKubeconfig,
} from './kubeconfig.ts';
export type { ClusterRegistry, ClusterRegistryOptions } from './registry.ts';
export { createClusterRegistry } from './registry.ts';
export { createClusterRoutes } from './routes.ts';
