export { start, testUsers } from './cluster.ts';
export type { StartOptions, TestCluster, TestUser } from './cluster.ts';
export { ensure } from './ensure.ts';
export { createKubeClient } from './kube-client.ts';
export type { KubeClient, KubeClientOptions, KubeObject, KubeResponse, WatchEvent } from './kube-client.ts';
export { startKubeletStandIn } from './kubelet/index.ts';
export type { KubeletStandIn, KubeletStandInOptions } from './kubelet/index.ts';
export { binaryDir, findBinaries, kubernetesVersion } from './paths.ts';
export { teamNamespace } from './rbac.ts';
