/**
 * A list of strings remembered in `storage` under `key` (JSON), or `[]` when there is none, it is not a
 * list, or the storage can't be read; anything in it that is not a string is dropped.
 *
 * @example
 * readStoredList(localStorage, 'porthole.recentClusters'); // ['admin@prod', 'kind-dev']
 */
export function readStoredList(storage: Pick<Storage, 'getItem'> | undefined, key: string): string[] {
  try {
    const value: unknown = JSON.parse(storage?.getItem(key) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
