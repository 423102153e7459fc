export type { ClusterSummary, Distribution } from './cluster.ts';
export { clusterListSchema, clusterSummarySchema, distributionSchema } from './cluster.ts';
export type {
  ContextHealth,
  HealthCheckRequest,
  KubeconfigEntryProblem,
  KubeconfigFileState,
} from './contexts.ts';
export {
  contextHealthListSchema,
  contextHealthSchema,
  healthCheckRequestSchema,
  kubeconfigEntryProblemSchema,
  kubeconfigFileListSchema,
  kubeconfigFileStateSchema,
} from './contexts.ts';
export type {
  ClientMessage,
  ExecChannel,
  ExecFrame,
  ExecRequest,
  KubeObject,
  LogsRequest,
  ServerMessage,
  ServerMessageOf,
  SyncChunkMessage,
  UpstreamCause,
  UpstreamState,
  WatchEvent,
  WatchRequest,
} from './mux.ts';
export {
  clientMessageSchema,
  decodeExecFrame,
  encodeExecFrame,
  execChannel,
  execRequestSchema,
  kubeObjectSchema,
  logsRequestSchema,
  muxSubprotocol,
  serverMessageSchema,
  syncChunkMessageSchema,
  upstreamCauseSchema,
  watchEventSchema,
  watchRequestSchema,
} from './mux.ts';
export { muxCloseCodes } from './mux-close-codes.ts';
export type {
  BundleManifest,
  PluginConfig,
  PluginContributions,
  PluginManifest,
  PluginMetadata,
  PluginMetadataInput,
} from './plugin.ts';
export {
  bundleManifestSchema,
  jsonDepth,
  maxPluginConfigBytes,
  maxPluginConfigDepth,
  pluginConfigSchema,
  pluginConfigSchemaSchema,
  pluginContributionsSchema,
  pluginManifestSchema,
  pluginMetadataFile,
  pluginMetadataSchema,
  pluginNameSchema,
  semverSchema,
  sriSchema,
} from './plugin.ts';
export type { LogoutResult, SessionInfo } from './session.ts';
export { logoutResultSchema, sessionInfoSchema } from './session.ts';
export type { SchemaIssue, Status, StatusCause } from './status.ts';
export {
  causesOfIssues,
  describeIssues,
  fieldPath,
  isStatus,
  statusCauseSchema,
  statusSchema,
} from './status.ts';
export type { GroupResource, StatusReason } from './status-error.ts';
export {
  isAlreadyExists,
  isBadRequest,
  isConflict,
  isForbidden,
  isGone,
  isInternalError,
  isInvalid,
  isMethodNotSupported,
  isNotFound,
  isServiceUnavailable,
  isStatusError,
  isTimeout,
  isUnauthorized,
  StatusError,
} from './status-error.ts';
