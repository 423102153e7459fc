import type { KubeObject, WatchEvent } from '@porthole/protocol';
import { failureOf, statusOf, type UpstreamFailure } from './watch-request.ts';

/** The objects of one watch by uid, and the resourceVersion to resume from. */
export interface ObjectCache {
  /** Replaces every object (after a LIST). */
  replace(items: KubeObject[], resourceVersion: string): void;
  /**
   * Applies decoded watch values in order: ADDED/MODIFIED/DELETED change the cache and are returned,
   * BOOKMARK only moves the resourceVersion on, an ERROR event stops there and is returned as `error`.
   */
  apply(values: unknown[]): { events: WatchEvent[]; error: UpstreamFailure | undefined };
  items(): KubeObject[];
  resourceVersion(): string | undefined;
}

/**
 * @example
 * const cache = createObjectCache();
 * cache.replace(list.items, list.metadata.resourceVersion);
 * const { events, error } = cache.apply(split(chunk));
 */
export function createObjectCache(): ObjectCache {
  const objects = new Map<string, KubeObject>();
  let version: string | undefined;
  return {
    replace(items, resourceVersion) {
      objects.clear();
      for (const item of items) objects.set(keyOf(item), item);
      version = resourceVersion;
    },
    apply(values) {
      const events: WatchEvent[] = [];
      for (const value of values) {
        const event = value as { type?: string; object?: KubeObject };
        if (event.type === 'ERROR') {
          return { events, error: failureOf({ status: statusOf(event.object) }, 500, 'InternalError') };
        }
        const objectVersion = event.object?.metadata?.resourceVersion;
        if (objectVersion) version = objectVersion;
        if (!event.object) continue;
        if (event.type === 'DELETED') objects.delete(keyOf(event.object));
        else if (event.type === 'ADDED' || event.type === 'MODIFIED')
          objects.set(keyOf(event.object), event.object);
        else continue;
        events.push({ type: event.type, object: event.object });
      }
      return { events, error: undefined };
    },
    items: () => [...objects.values()],
    resourceVersion: () => version,
  };
}

/** Objects are kept by uid; one without (never from a real API server) by namespace and name. */
function keyOf(object: KubeObject): string {
  const meta = object.metadata as { uid?: string; name?: string; namespace?: string };
  return meta.uid ?? `${meta.namespace ?? ''}/${meta.name ?? ''}`;
}
