import { createHash } from 'node:crypto';

/**
 * The Subresource Integrity value (`sha384-<base64>`) of `bytes`, as a `<script integrity>` checks it.
 *
 * @example
 * integrityOf(await readFile('dist/remoteEntry.js')); // 'sha384-oqVuAfXRKap7...'
 */
export function integrityOf(bytes: Uint8Array): string {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

/**
 * A strong ETag for `bytes`: a digest of the content, so equal bytes always get the same tag and any
 * change gets another (a timestamp-based tag would survive a same-second rebuild).
 *
 * @example
 * res.headers.set('ETag', etagOf(bytes)); // '"Xr4ilOzQ4PCOq3aQ0qbuaQ"'
 */
export function etagOf(bytes: Uint8Array): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
}
