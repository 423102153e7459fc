export type { ClusterSummary, Distribution } from './cluster.ts';
export { clusterListSchema, clusterSummarySchema, distributionSchema } from './cluster.ts';
export type { Status, StatusCause } from './status.ts';
export { isStatus, statusCauseSchema, statusSchema } from './status.ts';
