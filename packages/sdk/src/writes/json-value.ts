/** Any JSON value: a Kubernetes object is a tree of these. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object (a map): not null, not a list. */
export type JsonObject = { [key: string]: JsonValue };

/**
 * Whether `value` is a JSON object (a map), as opposed to a scalar, a list, null or absent.
 *
 * @example
 * isJsonObject({ a: 1 }); // true
 * isJsonObject([1]); // false
 */
export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value under `key` in a map, ignoring inherited properties (`constructor`, `toString`, ...). */
export function own(value: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

/** The keys of a map that hold a value (a key set to `undefined` by TypeScript code counts as absent). */
export function presentKeys(value: JsonObject): string[] {
  return Object.keys(value).filter((key) => value[key] !== undefined);
}

/**
 * Structural equality of two JSON values (absent equals absent; map key order doesn't matter, list order
 * does).
 *
 * @example
 * jsonEqual({ a: [1, 2], b: 'x' }, { b: 'x', a: [1, 2] }); // true
 */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (!isJsonObject(a) || !isJsonObject(b)) return false;
  const keys = presentKeys(a);
  if (keys.length !== presentKeys(b).length) return false;
  return keys.every((key) => jsonEqual(a[key], own(b, key)));
}
