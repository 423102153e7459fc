// The SDK's public entry. Live subscriptions (the multiplexer client) and safe writes arrive with their issues.
export type { ClusterSummary, KubeObject, Status } from '@porthole/protocol';
export { isConflict, isForbidden, isNotFound, isStatusError, StatusError } from '@porthole/protocol';
export type { DiscoveredResource, Discovery } from './http/discovery.ts';
export { createDiscovery } from './http/discovery.ts';
export type { HttpClient, HttpClientOptions, HttpRequest } from './http/http-client.ts';
export { createHttpClient } from './http/http-client.ts';
export type { ObjectRef, ResourceRef } from './http/resource-path.ts';
export { clusterPath, resourcePath } from './http/resource-path.ts';
export type {
  DeleteOptions,
  KubeList,
  ListOptions,
  PatchOptions,
  PatchType,
  Resources,
  WriteOptions,
} from './http/resources.ts';
export { createResources } from './http/resources.ts';
