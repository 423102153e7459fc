import { createHmac } from 'node:crypto';

/** JSON with object keys sorted, so equal values give equal text whatever the key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A stable digest of a value: equal for equal values (key order ignored), different as soon as any
 * field differs. Keyed (HMAC-SHA-256), because the value holds credentials: without the key, a
 * fingerprint that ends up in a log can't be used to guess a short password.
 *
 * @example
 * const key = randomBytes(32);
 * fingerprintOf({ a: 1, b: 2 }, key) === fingerprintOf({ b: 2, a: 1 }, key); // true
 */
export function fingerprintOf(value: unknown, key: Uint8Array | string): string {
  return createHmac('sha256', key).update(canonicalJson(value)).digest('base64url');
}
