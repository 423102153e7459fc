export type { MuxMetrics, SubscriptionKind } from './metrics.ts';
export type { MuxServer, MuxServerOptions } from './mux-server.ts';
export { createMuxServer } from './mux-server.ts';
export type { MuxLimits } from './session.ts';
export { defaultMuxLimits } from './session.ts';
export type {
  UpstreamWatch,
  UpstreamWatchOptions,
  UpstreamWatchTarget,
  WatchUpdate,
} from './upstream-watch.ts';
export { createUpstreamWatch } from './upstream-watch.ts';
export type { WatchHub, WatchHubOptions } from './watch-hub.ts';
export { createWatchHub, watchKey } from './watch-hub.ts';
