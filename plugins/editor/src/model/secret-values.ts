import type { KubeObject } from '@porthole/sdk';

/** A Secret shown with `data` decoded: the keys that were decoded (binary values stay base64). */
export interface DecodedSecret {
  object: KubeObject;
  decoded: string[];
  /** Keys left encoded because their bytes are not UTF-8 text. */
  binary: string[];
}

function fromBase64(value: string): Uint8Array {
  const binary = atob(value);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function toBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * A Secret's `data` decoded for reading and editing (UTF-8 text only; binary values stay base64 and are
 * named). Pure: the object passed in is not changed.
 *
 * @example
 * decodeSecretData(secret).object.data; // { password: 'hunter2' }
 */
export function decodeSecretData(object: KubeObject): DecodedSecret {
  const data = (object as { data?: Record<string, unknown> }).data;
  if (!data || typeof data !== 'object') return { object, decoded: [], binary: [] };
  const out: Record<string, unknown> = {};
  const decoded: string[] = [];
  const binary: string[] = [];
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  for (const [key, value] of Object.entries(data)) {
    try {
      if (typeof value !== 'string') throw new Error('not a string');
      out[key] = utf8.decode(fromBase64(value));
      decoded.push(key);
    } catch {
      out[key] = value;
      binary.push(key);
    }
  }
  return { object: { ...object, data: out } as KubeObject, decoded, binary };
}

/**
 * The decoded keys of `data` encoded again (base64 of their UTF-8), as the API server stores them; keys
 * added while decoded count as decoded. Keys in `binary` are left as they are.
 *
 * @example
 * encodeSecretData(edited, ['password']).data; // { password: 'aHVudGVyMg==' }
 */
export function encodeSecretData(object: KubeObject, binary: readonly string[]): KubeObject {
  const data = (object as { data?: Record<string, unknown> }).data;
  if (!data || typeof data !== 'object') return object;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data))
    out[key] = binary.includes(key) || typeof value !== 'string' ? value : toBase64(value);
  return { ...object, data: out } as KubeObject;
}
