// The SDK's public entry. Its client, resources, streams and safe writes arrive with the multiplexer/SDK issue.
export type { ClusterSummary, Status } from '@porthole/protocol';
