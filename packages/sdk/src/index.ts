// The SDK's public entry: live subscriptions on one WebSocket (and their Solid adapter), HTTP, safe writes.
// The three-way merge (`@porthole/sdk/merge`), log views (`@porthole/sdk/logs`) and the everyday workload
// actions (`@porthole/sdk/workloads`) and the OpenAPI schemas of kinds (`@porthole/sdk/schema`) have entries of their own, loaded only by the pages that use them.
export type {
  ClusterSummary,
  ContextHealth,
  KubeconfigEntryProblem,
  KubeconfigFileState,
  KubeObject,
  Status,
} from '@porthole/protocol';
export { isConflict, isForbidden, isNotFound, isStatusError, StatusError } from '@porthole/protocol';
export type { AccessDecision, AccessReview, AccessReviewOptions, AccessTarget } from './access/can-i.ts';
export { createAccessReview } from './access/can-i.ts';
export type { KindRef, ListableKindsOptions } from './access/listable-kinds.ts';
export { findListableKinds } from './access/listable-kinds.ts';
export type { ResourceRule, RulesReviewResult } from './access/rules-review.ts';
export { reviewRules, rulesAllow } from './access/rules-review.ts';
export type { UsableNamespacesOptions } from './access/usable-namespaces.ts';
export { findUsableNamespaces, pluralKind } from './access/usable-namespaces.ts';
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
export type { BackoffOptions } from './live/backoff.ts';
export type { ExecExit, ExecOptions, ExecSession } from './live/exec.ts';
export type { LiveChange, LiveCollection, LiveProgress, LiveStatus } from './live/live-collection.ts';
export type { LogStatus, LogStream, LogsOptions } from './live/logs.ts';
export type { MuxClient, MuxClientOptions } from './live/mux-client.ts';
export { createMuxClient } from './live/mux-client.ts';
export type { MuxState, WebSocketConstructor, WebSocketLike } from './live/mux-connection.ts';
export type { LiveObject, WatchOneOptions, WatchOptions } from './live/watch.ts';
export type { PluginDefinition, PluginDefinitionCheck, PluginSpec } from './plugins/define-plugin.ts';
export { checkPluginDefinition, definePlugin, sdkVersion } from './plugins/define-plugin.ts';
export type { ExtensionPoint } from './plugins/extension-point.ts';
export { defineExtensionPoint } from './plugins/extension-point.ts';
export type {
  ActionCode,
  Extension,
  Lazy,
  PointExtension,
  ResourceActionExtension,
  ResourceContext,
  ResourceListActionExtension,
  ResourceListContext,
  ResourceMatcher,
  ResourceTabExtension,
  RouteExtension,
  RouteProps,
  ShellExtensionType,
} from './plugins/extensions.ts';
export { matchesResource } from './plugins/extensions.ts';
export { PluginConfigError, readPluginConfig, usePluginConfig } from './plugins/plugin-config.ts';
export type { Porthole } from './plugins/porthole-context.ts';
export { PortholeContext, useExtensions, usePorthole } from './plugins/porthole-context.ts';
export type { ClustersStore, LiveListStore } from './solid/create-clusters.ts';
export { createClusters, createContextHealth, createKubeconfigFiles } from './solid/create-clusters.ts';
export type { NamespaceScope, NamespaceScopeArgs } from './solid/create-namespace-scope.ts';
export { createNamespaceScope, maxCheckedNamespaces } from './solid/create-namespace-scope.ts';
export type {
  PermissionQuestion,
  Permissions,
  PermissionsArgs,
} from './solid/create-permissions.ts';
export { checkingPermission, createPermissions } from './solid/create-permissions.ts';
export type { WatchArgs, WatchOneStore, WatchStore } from './solid/create-watch.ts';
export { createWatch, createWatchOne } from './solid/create-watch.ts';
export type { FieldManagerConflict } from './writes/conflict-error.ts';
export { ApplyConflictError, ConflictError } from './writes/conflict-error.ts';
export type { ApplyOptions, SafeWrites, UpdateOptions, UpdateResult } from './writes/safe-writes.ts';
export { createSafeWrites } from './writes/safe-writes.ts';
export type { Change, JsonValue, MergeConflict } from './writes/three-way-merge.ts';
