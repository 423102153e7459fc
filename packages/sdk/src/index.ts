// The SDK's public entry. Live subscriptions (the multiplexer client) arrive with their issue.
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
export type { FieldManagerConflict } from './writes/conflict-error.ts';
export { ApplyConflictError, ConflictError } from './writes/conflict-error.ts';
export type { ApplyOptions, SafeWrites, UpdateOptions, UpdateResult } from './writes/safe-writes.ts';
export { createSafeWrites } from './writes/safe-writes.ts';
export type {
  Change,
  JsonValue,
  MergeConflict,
  MergeOptions,
  PathSegment,
  ThreeWayMergeResult,
} from './writes/three-way-merge.ts';
export { diffObjects, threeWayMerge } from './writes/three-way-merge.ts';
