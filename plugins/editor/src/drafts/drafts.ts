import type { KubeObject } from '@porthole/sdk';

/** An unsaved edit kept in the browser (IndexedDB), per cluster and object. */
export interface Draft {
  /** The edited text. */
  text: string;
  /** The object the edit started from: a restored draft is saved (and rebased) against it. */
  base: KubeObject;
  savedAt: string;
}

/** Where drafts are kept; see {@link openDrafts}. */
export interface Drafts {
  get(key: string): Promise<Draft | undefined>;
  put(key: string, draft: Draft): Promise<void>;
  remove(key: string): Promise<void>;
}

/** The key of an object's draft: cluster, group, resource, namespace and name. */
export function draftKey(ref: {
  cluster: string;
  group: string;
  resource: string;
  namespace?: string | undefined;
  name: string;
}): string {
  return JSON.stringify([ref.cluster, ref.group, ref.resource, ref.namespace ?? '', ref.name]);
}

const dbName = 'porthole-editor';
const store = 'drafts';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * The editor's drafts in IndexedDB (`porthole-editor`/`drafts`). Secrets never get drafts: their values
 * would sit unencrypted in the browser's storage.
 *
 * @example
 * const drafts = await openDrafts();
 * await drafts.put(draftKey(ref), { text, base, savedAt: new Date().toISOString() });
 */
export async function openDrafts(): Promise<Drafts> {
  const open = indexedDB.open(dbName, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(store);
  const db = await request(open);
  const tx = (mode: IDBTransactionMode) => db.transaction(store, mode).objectStore(store);
  return {
    get: async (key) => (await request(tx('readonly').get(key))) as Draft | undefined,
    put: async (key, draft) => {
      await request(tx('readwrite').put(draft, key));
    },
    remove: async (key) => {
      await request(tx('readwrite').delete(key));
    },
  };
}
