import { isJsonObject, type JsonObject, type JsonValue, own } from './json-value.ts';

/**
 * Lists of named things, by field name, and the item field that names them (Kubernetes' strategic merge
 * patch keys). For `ports` the first key every item has uniquely wins: `name`, then `containerPort`
 * (container ports), then `port` (Service ports). Fields not listed (`args`, `envFrom`, `finalizers`,
 * `topologySpreadConstraints`, ...) are atomic lists.
 */
const mergeKeys: ReadonlyMap<string, readonly string[]> = new Map([
  ['containers', ['name']],
  ['initContainers', ['name']],
  ['ephemeralContainers', ['name']],
  ['env', ['name']],
  ['ports', ['name', 'containerPort', 'port']],
  ['volumes', ['name']],
  ['volumeMounts', ['mountPath']],
  ['volumeDevices', ['devicePath']],
  ['conditions', ['type']],
  ['imagePullSecrets', ['name']],
  ['hostAliases', ['ip']],
  ['ownerReferences', ['uid']],
]);

/** The value that names an item of a keyed list. */
export type ItemKey = string | number;

/** The item's value for `mergeKey`, when it is a string or a finite number. */
export function itemKeyOf(item: JsonValue | undefined, mergeKey: string): ItemKey | undefined {
  if (!isJsonObject(item)) return undefined;
  const value = own(item, mergeKey);
  if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return value;
  return undefined;
}

function isKeyedBy(list: readonly JsonValue[], mergeKey: string): boolean {
  const seen = new Set<ItemKey>();
  for (const item of list) {
    const key = itemKeyOf(item, mergeKey);
    if (key === undefined || seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

/**
 * The merge key for the list under `field`, or `undefined` when the list is atomic. The same answer is
 * needed for every version of the list being compared, so pass them all: the list is keyed only when
 * `field` is a list of named things and every item of every version is an object with a unique value
 * for the key.
 *
 * @example
 * mergeKeyFor('containers', [[{ name: 'a' }], [{ name: 'a' }, { name: 'b' }]]); // 'name'
 * mergeKeyFor('ports', [[{ containerPort: 80 }, { name: 'metrics', containerPort: 9090 }]]); // 'containerPort'
 * mergeKeyFor('args', [['--v=2']]); // undefined
 */
export function mergeKeyFor(
  field: string | undefined,
  lists: readonly (readonly JsonValue[])[],
): string | undefined {
  const candidates = field === undefined ? undefined : mergeKeys.get(field);
  return candidates?.find((mergeKey) => lists.every((list) => isKeyedBy(list, mergeKey)));
}

/**
 * The items of a keyed list by their key, in list order (keys checked unique by {@link mergeKeyFor}).
 *
 * @example
 * indexItems([{ name: 'a', image: 'x' }], 'name').get('a'); // { name: 'a', image: 'x' }
 */
export function indexItems(list: JsonValue | undefined, mergeKey: string): Map<ItemKey, JsonObject> {
  const items = new Map<ItemKey, JsonObject>();
  if (!Array.isArray(list)) return items;
  for (const item of list) {
    const key = itemKeyOf(item, mergeKey);
    if (key !== undefined && isJsonObject(item)) items.set(key, item);
  }
  return items;
}
