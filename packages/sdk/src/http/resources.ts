import type { KubeObject } from '@porthole/protocol';
import type { HttpClient } from './http-client.ts';
import { clusterPath, type ObjectRef, type ResourceRef, resourcePath } from './resource-path.ts';

/** A Kubernetes list as the API server returns it. */
export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion?: string;
  kind?: string;
  metadata: { resourceVersion?: string; continue?: string };
  items: T[];
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

export interface WriteOptions {
  /** Validate and default on the server without persisting (`dryRun=All`). */
  dryRun?: boolean;
  fieldManager?: string;
}

/** How a patch body is to be read. */
export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

const patchContentType: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface PatchOptions extends WriteOptions {
  /** Server-side apply only: take fields owned by other managers. Only when the user asked for it. */
  force?: boolean;
}

export interface DeleteOptions {
  /** Delete only if the object is still this one (uid) or still unchanged (resourceVersion). */
  preconditions?: { uid?: string; resourceVersion?: string };
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  dryRun?: boolean;
}

/** Plain reads and writes of Kubernetes objects through Porthole's proxy, objects kept as raw JSON. */
export interface Resources {
  get<T extends KubeObject = KubeObject>(ref: ObjectRef): Promise<T>;
  list<T extends KubeObject = KubeObject>(ref: ResourceRef, options?: ListOptions): Promise<KubeList<T>>;
  create<T extends KubeObject = KubeObject>(
    ref: ResourceRef,
    object: KubeObject,
    options?: WriteOptions,
  ): Promise<T>;
  patch<T extends KubeObject = KubeObject>(
    ref: ObjectRef,
    patch: unknown,
    type: PatchType,
    options?: PatchOptions,
  ): Promise<T>;
  delete(ref: ObjectRef, options?: DeleteOptions): Promise<unknown>;
}

const writeQuery = (options: WriteOptions | undefined) => ({
  dryRun: options?.dryRun ? 'All' : undefined,
  fieldManager: options?.fieldManager,
});

/**
 * Resource helpers over an {@link HttpClient}. Writes that replace a whole object (and conflict
 * handling) belong to the safe-writes API; these are reads, creates, targeted patches and deletes.
 *
 * @example
 * const resources = createResources(createHttpClient());
 * const cm = await resources.get({ cluster: 'prod', group: '', version: 'v1', resource: 'configmaps', namespace: 'demo', name: 'app' });
 * await resources.patch({ cluster: 'prod', group: 'batch', version: 'v1beta1', resource: 'cronjobs', namespace: 'demo', name: 'nightly' },
 *   { spec: { suspend: true } }, 'merge');
 */
export function createResources(http: HttpClient): Resources {
  const path = (ref: ResourceRef & { name?: string }) => clusterPath(ref.cluster, resourcePath(ref));
  return {
    get: (ref) => http.request({ method: 'GET', path: path(ref) }),
    list: (ref, options = {}) => http.request({ method: 'GET', path: path(ref), query: { ...options } }),
    create: (ref, object, options) =>
      http.request({ method: 'POST', path: path(ref), body: object, query: writeQuery(options) }),
    patch(ref, patch, type, options) {
      if (type === 'apply' && !options?.fieldManager) {
        throw new TypeError('a server-side apply needs options.fieldManager');
      }
      return http.request({
        method: 'PATCH',
        path: path(ref),
        body: patch,
        contentType: patchContentType[type],
        query: { ...writeQuery(options), force: type === 'apply' && options?.force ? true : undefined },
      });
    },
    delete(ref, options = {}) {
      const body = {
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        ...(options.preconditions ? { preconditions: options.preconditions } : {}),
        ...(options.propagationPolicy ? { propagationPolicy: options.propagationPolicy } : {}),
        ...(options.dryRun ? { dryRun: ['All'] } : {}),
      };
      return http.request({ method: 'DELETE', path: path(ref), body });
    },
  };
}
