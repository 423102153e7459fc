import {
  type ClusterSummary,
  type ContextHealth,
  clusterSummarySchema,
  contextHealthSchema,
  type KubeconfigFileState,
  type KubeObject,
  kubeconfigFileStateSchema,
  type StatusError,
  type WatchRequest,
} from '@porthole/protocol';
import type { CollectionKeys } from './collection.ts';
import {
  type CollectionSubscriptionOptions,
  createCollectionSubscription,
  type LiveChange,
  type LiveCollection,
  type LiveStatus,
} from './live-collection.ts';
import type { Subscription, SubscriptionChannel } from './subscription.ts';

/** What to watch: a resource of a cluster, optionally narrowed to a namespace and selectors. */
export type WatchOptions = Omit<WatchRequest, 'op' | 'id' | 'name' | 'resourceVersion'>;

/** One object to watch, by name. */
export interface WatchOneOptions extends WatchOptions {
  name: string;
}

/** A live single object: {@link MuxClient.watchOne}. */
export interface LiveObject<T> {
  /** The object; `undefined` while loading, when it doesn't exist and after it was deleted. */
  object(): T | undefined;
  status(): LiveStatus;
  /** The failure that ended the subscription, as a Kubernetes Status. */
  error(): StatusError | undefined;
  /** While `reconnecting`: why, when the backend said (see `LiveCollection.cause`). */
  cause(): StatusError | undefined;
  resourceVersion(): string | undefined;
  subscribe(listener: (change: LiveChange<T>) => void): () => void;
  close(): void;
}

/** Kubernetes objects are kept by `metadata.uid`, ordered by namespace then name. */
export const kubeObjectKeys: CollectionKeys<KubeObject> = {
  keyOf: (object) => {
    const uid = object.metadata.uid;
    return typeof uid === 'string' ? uid : undefined;
  },
  orderOf: (object) => {
    const namespace = object.metadata.namespace;
    return [typeof namespace === 'string' ? namespace : '', object.metadata.name ?? ''];
  },
};

/**
 * Items of a watch are trusted to be Kubernetes objects once they have a `metadata` object with a string
 * `uid`; the rest of each object is not checked (a sync may hold 10,000 of them).
 */
function kubeObjectOf(raw: Record<string, unknown>): KubeObject | undefined {
  const metadata = raw.metadata;
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  return typeof (metadata as { uid?: unknown }).uid === 'string' ? (raw as KubeObject) : undefined;
}

function watchRequestOf(id: number, options: WatchOptions & { name?: string }, resourceVersion?: string) {
  // Only the fields the wire knows: an options object may carry more (e.g. a UI's own flags).
  const request: WatchRequest = {
    op: 'watch',
    id,
    cluster: options.cluster,
    group: options.group,
    version: options.version,
    resource: options.resource,
  };
  if (options.namespace) request.namespace = options.namespace;
  if (options.name) request.name = options.name;
  // A list takes its first LIST page by page (sync-chunk); one object has nothing to stream.
  else request.chunked = true;
  if (options.labelSelector) request.labelSelector = options.labelSelector;
  if (options.fieldSelector) request.fieldSelector = options.fieldSelector;
  if (resourceVersion) request.resourceVersion = resourceVersion;
  return request;
}

function objectOptions(options: WatchOptions & { name?: string }): CollectionSubscriptionOptions<KubeObject> {
  return {
    ...kubeObjectKeys,
    request: (id, resourceVersion) => watchRequestOf(id, options, resourceVersion),
    parseItem: kubeObjectOf,
  };
}

/** The subscription behind {@link MuxClient.watch}. */
export function createWatchSubscription<T extends KubeObject>(
  channel: SubscriptionChannel,
  options: WatchOptions,
): LiveCollection<T> & Subscription {
  // The collection only stores what the server sent; T is the caller's promise about its shape.
  return createCollectionSubscription(channel, objectOptions(options)) as unknown as LiveCollection<T> &
    Subscription;
}

/** The subscription behind {@link MuxClient.watchOne}: a watch of one name, read as a single object. */
export function createWatchOneSubscription<T extends KubeObject>(
  channel: SubscriptionChannel,
  options: WatchOneOptions,
): LiveObject<T> & Subscription {
  const inner = createCollectionSubscription(channel, objectOptions(options));
  return {
    request: inner.request,
    receive: inner.receive,
    disconnected: inner.disconnected,
    terminated: inner.terminated,
    // A name is unique in its namespace; a delete-and-recreate passes through no state with two objects.
    object: () => inner.items()[0] as T | undefined,
    status: inner.status,
    error: inner.error,
    cause: inner.cause,
    resourceVersion: inner.resourceVersion,
    subscribe: inner.subscribe as LiveObject<T>['subscribe'],
    close: inner.close,
  };
}

/** The subscription behind {@link MuxClient.clusters}: the server's `sync`s of ClusterSummary items. */
export function createClustersSubscription(
  channel: SubscriptionChannel,
): LiveCollection<ClusterSummary> & Subscription {
  return createCollectionSubscription<ClusterSummary>(channel, {
    keyOf: (cluster) => cluster.name,
    orderOf: (cluster) => [cluster.name],
    request: (id) => ({ op: 'clusters', id }),
    // A handful of entries: each is checked in full, and one that doesn't fit is left out.
    parseItem: (raw) => {
      const parsed = clusterSummarySchema.safeParse(raw);
      return parsed.success ? parsed.data : undefined;
    },
  });
}

/** The subscription behind {@link MuxClient.kubeconfigFiles}: every kubeconfig file's state, by path. */
export function createKubeconfigFilesSubscription(
  channel: SubscriptionChannel,
): LiveCollection<KubeconfigFileState> & Subscription {
  return createCollectionSubscription<KubeconfigFileState>(channel, {
    keyOf: (file) => file.path,
    orderOf: (file) => [String(file.order).padStart(6, '0')],
    request: (id) => ({ op: 'kubeconfig-files', id }),
    parseItem: (raw) => {
      const parsed = kubeconfigFileStateSchema.safeParse(raw);
      return parsed.success ? parsed.data : undefined;
    },
  });
}

/** The subscription behind {@link MuxClient.health}: every context's health, by name. */
export function createHealthSubscription(
  channel: SubscriptionChannel,
): LiveCollection<ContextHealth> & Subscription {
  return createCollectionSubscription<ContextHealth>(channel, {
    keyOf: (health) => health.name,
    orderOf: (health) => [health.name],
    request: (id) => ({ op: 'health', id }),
    parseItem: (raw) => {
      const parsed = contextHealthSchema.safeParse(raw);
      return parsed.success ? parsed.data : undefined;
    },
  });
}
