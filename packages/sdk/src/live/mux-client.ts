import type { ClusterSummary, ContextHealth, KubeconfigFileState, KubeObject } from '@porthole/protocol';
import { createExecSubscription, type ExecOptions, type ExecSession } from './exec.ts';
import type { LiveCollection } from './live-collection.ts';
import { createLogsSubscription, type LogStream, type LogsOptions } from './logs.ts';
import { createMuxConnection, type MuxConnectionOptions, type MuxState } from './mux-connection.ts';
import {
  createClustersSubscription,
  createHealthSubscription,
  createKubeconfigFilesSubscription,
  createWatchOneSubscription,
  createWatchSubscription,
  type LiveObject,
  type WatchOneOptions,
  type WatchOptions,
} from './watch.ts';

/** Options of {@link createMuxClient}. */
export type MuxClientOptions = MuxConnectionOptions;

/**
 * Every live thing of a tab (or a Node process) on one WebSocket to Porthole's multiplexer (`GET /ws`).
 * The socket opens on the first subscription, reconnects by itself with exponential backoff and full
 * jitter, and resubscribes every live subscription: a watch resumes from the last resourceVersion it saw.
 */
export interface MuxClient {
  /** A live list of objects, kept by `metadata.uid`. */
  watch<T extends KubeObject = KubeObject>(options: WatchOptions): LiveCollection<T>;
  /** One live object by name. */
  watchOne<T extends KubeObject = KubeObject>(options: WatchOneOptions): LiveObject<T>;
  /** A pod's log lines. */
  logs(options: LogsOptions): LogStream;
  /** A command or shell in a container; not resumed after a reconnect. */
  exec(options: ExecOptions): ExecSession;
  /** The backend's cluster list (kubeconfig contexts), live, kept by name. */
  clusters(): LiveCollection<ClusterSummary>;
  /** The backend's kubeconfig files with their state (ok, missing, invalid, ...), live, in merge order. */
  kubeconfigFiles(): LiveCollection<KubeconfigFileState>;
  /** Every context's health; the backend probes them while this is open. */
  health(): LiveCollection<ContextHealth>;
  state(): MuxState;
  /** Calls `listener` on each state change; returns the unsubscribe function. */
  onStateChange(listener: (state: MuxState) => void): () => void;
  /** Closes the socket and ends every subscription; the client can't be used afterwards. */
  close(): void;
}

/**
 * Creates the client of Porthole's multiplexer. One per tab (or process): every subscription shares its
 * socket. In Node 22+ the global WebSocket is used; pass `WebSocket` to use another implementation.
 *
 * @example
 * const client = createMuxClient({ url: 'http://127.0.0.1:4466/ws' });
 * const pods = client.watch({ cluster: 'prod', group: '', version: 'v1', resource: 'pods', namespace: 'web' });
 * pods.subscribe(() => console.log(pods.status(), pods.items().length));
 * const log = client.logs({ cluster: 'prod', namespace: 'web', pod: 'web-0', follow: true });
 * log.onLines((lines) => lines.forEach((l) => console.log(l)));
 * // later
 * client.close();
 */
export function createMuxClient(options: MuxClientOptions): MuxClient {
  const connection = createMuxConnection(options);
  return {
    watch<T extends KubeObject>(watchOptions: WatchOptions) {
      return connection.add((channel) => createWatchSubscription<T>(channel, watchOptions));
    },
    watchOne<T extends KubeObject>(watchOptions: WatchOneOptions) {
      return connection.add((channel) => createWatchOneSubscription<T>(channel, watchOptions));
    },
    logs: (logsOptions) => connection.add((channel) => createLogsSubscription(channel, logsOptions)),
    exec: (execOptions) => connection.add((channel) => createExecSubscription(channel, execOptions)),
    clusters: () => connection.add((channel) => createClustersSubscription(channel)),
    kubeconfigFiles: () => connection.add((channel) => createKubeconfigFilesSubscription(channel)),
    health: () => connection.add((channel) => createHealthSubscription(channel)),
    state: connection.state,
    onStateChange: connection.onStateChange,
    close: connection.close,
  };
}
