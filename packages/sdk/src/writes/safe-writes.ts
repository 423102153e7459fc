import { isConflict, type KubeObject, StatusError } from '@porthole/protocol';
import type { Discovery } from '../http/discovery.ts';
import type { HttpClient } from '../http/http-client.ts';
import { clusterPath, type ObjectRef, resourcePath } from '../http/resource-path.ts';
import { ApplyConflictError, ConflictError } from './conflict-error.ts';
import { conditionalJsonPatch } from './json-patch.ts';
import type { Change, JsonValue } from './three-way-merge.ts';

export interface UpdateOptions {
  /** Validate on the server without writing (`dryRun=All`). */
  dryRun?: boolean;
  fieldManager?: string;
  /** How many rebased retries after a 409 before giving up; default 3. */
  maxRebases?: number;
  /** `auto` (default): PUT when the resource allows `update`, else a JSON patch guarded by a `test` op. */
  method?: 'auto' | 'put' | 'json-patch';
  /**
   * The user chose "overwrite": PUT `mine` as it is, replacing whatever is stored now, with no
   * resourceVersion and the backend's `X-Porthole-Overwrite` opt-out. Never a default.
   */
  overwrite?: boolean;
}

/** What an update wrote and how it got there. */
export interface UpdateResult<T extends KubeObject = KubeObject> {
  object: T;
  /** 1 when the first write went through; more when someone else's change was merged in first. */
  attempts: number;
  /** The user's changes (base → mine) that were written. */
  changes: Change[];
  /** Someone else's changes (base → theirs) the user's were rebased onto; empty without a rebase. */
  rebasedOnto: Change[];
}

export interface ApplyOptions {
  fieldManager: string;
  /** Take over fields other managers own; only when the user chose it. */
  force?: boolean;
  dryRun?: boolean;
}

/** Writes that never silently overwrite someone else's change. */
export interface SafeWrites {
  update<T extends KubeObject = KubeObject>(
    cluster: string,
    base: KubeObject,
    mine: KubeObject,
    options?: UpdateOptions,
  ): Promise<UpdateResult<T>>;
  apply<T extends KubeObject = KubeObject>(
    cluster: string,
    object: KubeObject,
    options: ApplyOptions,
  ): Promise<T>;
}

/** Where an object lives, found by discovery from its apiVersion and kind. */
async function locate(discovery: Discovery, cluster: string, object: KubeObject) {
  const apiVersion = String(object.apiVersion ?? '');
  const kind = String(object.kind ?? '');
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const found = (await discovery.resourceFor(cluster, group ?? '', kind)) ?? undefined;
  if (!found || !object.metadata.name) {
    throw StatusError.badRequest(
      `cluster "${cluster}" serves no ${kind} in ${apiVersion || 'the core group'}, or the object has no name`,
    );
  }
  const namespace = typeof object.metadata.namespace === 'string' ? object.metadata.namespace : undefined;
  const ref: ObjectRef = {
    cluster,
    group: group ?? '',
    version: version ?? '',
    resource: found.resource,
    name: object.metadata.name,
    ...(found.namespaced && namespace ? { namespace } : {}),
  };
  return { ref, verbs: found.verbs };
}

const withVersionOf = (object: KubeObject, from: KubeObject): KubeObject => ({
  ...object,
  metadata: { ...object.metadata, resourceVersion: from.metadata.resourceVersion },
});

/**
 * Safe writes over the SDK's HTTP layer. `update(cluster, base, mine)` writes `mine` conditionally on
 * `base`'s resourceVersion; on a 409 it fetches the latest object, rebases the user's changes onto it with
 * a three-way merge and retries (bounded), and throws a {@link ConflictError} (writing nothing) when both
 * sides changed the same path differently. `apply` is server-side apply with field-manager conflicts as a
 * structured {@link ApplyConflictError}.
 *
 * @example
 * const writes = createSafeWrites(http, discovery);
 * const { object, attempts } = await writes.update('prod', base, edited);
 */
export function createSafeWrites(http: HttpClient, discovery: Discovery): SafeWrites {
  const usesPut = (verbs: string[], options: UpdateOptions) =>
    options.method === 'put' || ((options.method ?? 'auto') === 'auto' && verbs.includes('update'));
  const write = async (
    ref: ObjectRef,
    verbs: string[],
    from: KubeObject,
    to: KubeObject,
    options: UpdateOptions,
  ) => {
    const path = clusterPath(ref.cluster, resourcePath(ref));
    const query = { dryRun: options.dryRun ? 'All' : undefined, fieldManager: options.fieldManager };
    if (usesPut(verbs, options)) {
      return http.request<KubeObject>({ method: 'PUT', path, query, body: withVersionOf(to, from) });
    }
    return http.request<KubeObject>({
      method: 'PATCH',
      path,
      query,
      body: conditionalJsonPatch(from, to),
      contentType: 'application/json-patch+json',
    });
  };
  return {
    async update<T extends KubeObject>(
      cluster: string,
      base: KubeObject,
      mine: KubeObject,
      options: UpdateOptions = {},
    ) {
      // The merge code loads on the first update (it is not on the first screen of the page).
      const [{ ref, verbs }, { diffObjects, threeWayMerge }] = await Promise.all([
        locate(discovery, cluster, base),
        import('./three-way-merge.ts'),
      ]);
      const mineChanges = diffObjects(base as JsonValue, mine as JsonValue);
      if (options.overwrite) {
        const { resourceVersion: _, ...metadata } = mine.metadata;
        const object = await http.request<T>({
          method: 'PUT',
          path: clusterPath(ref.cluster, resourcePath(ref)),
          query: { dryRun: options.dryRun ? 'All' : undefined, fieldManager: options.fieldManager },
          body: { ...mine, metadata },
          headers: { 'X-Porthole-Overwrite': 'true' },
        });
        return { object, attempts: 1, changes: mineChanges, rebasedOnto: [] };
      }
      let from = base;
      let to = mine;
      let rebasedOnto: Change[] = [];
      const maxAttempts = 1 + (options.maxRebases ?? 3);
      for (let attempt = 1; ; attempt++) {
        let failure: unknown;
        try {
          const object = (await write(ref, verbs, from, to, options)) as T;
          return { object, attempts: attempt, changes: mineChanges, rebasedOnto };
        } catch (err) {
          failure = err;
        }
        // A 409, or for a JSON patch a 422 from its failed `test` op (1.20 says no more than "Invalid"),
        // means the object moved on: fetch it and tell the two apart by its resourceVersion.
        const maybeStale =
          isConflict(failure) ||
          (!usesPut(verbs, options) && failure instanceof StatusError && failure.code === 422);
        if (!maybeStale || attempt >= maxAttempts) throw failure;
        const theirs = await http.request<KubeObject>({
          method: 'GET',
          path: clusterPath(ref.cluster, resourcePath(ref)),
        });
        if (!isConflict(failure) && theirs.metadata.resourceVersion === from.metadata.resourceVersion)
          throw failure;
        const merge = threeWayMerge(base as JsonValue, mine as JsonValue, theirs as JsonValue);
        if (merge.conflicts.length > 0) throw new ConflictError(base, mine, theirs, merge.conflicts);
        from = theirs;
        to = merge.merged as KubeObject;
        rebasedOnto = merge.theirChanges;
      }
    },
    async apply<T extends KubeObject>(cluster: string, object: KubeObject, options: ApplyOptions) {
      const { ref } = await locate(discovery, cluster, object);
      try {
        return await http.request<T>({
          method: 'PATCH',
          path: clusterPath(ref.cluster, resourcePath(ref)),
          body: object,
          contentType: 'application/apply-patch+yaml',
          query: {
            fieldManager: options.fieldManager,
            force: options.force ? true : undefined,
            dryRun: options.dryRun ? 'All' : undefined,
          },
        });
      } catch (err) {
        if (!isConflict(err) || !(err instanceof StatusError)) throw err;
        const conflicts = (err.status.details?.causes ?? []).map((c) => ({
          field: c.field ?? '',
          message: c.message ?? '',
        }));
        throw new ApplyConflictError(err.message, conflicts);
      }
    },
  };
}
