import { getMimeType } from 'hono/utils/mime';
import { etagOf } from './integrity.ts';

/**
 * A build output file named by its content hash (`h.06bd0b33e3.css`, `index.c5a6f85e1e.js`,
 * `vendors.1a2b3c4d.js.map`): at least 8 hex digits as a dot- or dash-separated part of the name, before
 * the extension(s). Such a file never changes, so browsers may keep it for a year.
 */
const contentHashedName = /^(?:.*[.-])?[0-9a-f]{8,}(?:\.[a-z0-9]+)+$/i;

/**
 * True when `file`'s name carries its content hash, as Rsbuild names chunks and assets. The remote entry
 * (`remoteEntry.js`), `porthole-plugin.json` and `mf-manifest.json` do not, and must be revalidated.
 *
 * @example
 * isContentHashed('static/js/async/h.50c1b09889.js'); // true
 * isContentHashed('remoteEntry.js'); // false
 */
export function isContentHashed(file: string): boolean {
  return contentHashedName.test(file.slice(file.lastIndexOf('/') + 1));
}

/** Cache-Control for a content-hashed file. */
export const immutableCaching = 'public, max-age=31536000, immutable';
/** Cache-Control for every other file: keep it, but ask (with its ETag) before each use. */
export const revalidatedCaching = 'no-cache';

/** A file to send, and what is known about it. */
export interface PluginFileBody {
  bytes: Uint8Array;
  /** Its ETag, when computed already (held files); otherwise computed from `bytes`. */
  etag?: string | undefined;
  /** The Content-Type the source gave, used when the file name does not say. */
  contentType?: string | undefined;
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * The one way plugin files are answered, whether they come from a folder or a plugin server: content
 * type from the file name, a strong ETag from the content (304 when `If-None-Match` has it), and
 * `immutable` caching for content-hashed names but `no-cache` for the rest, so an updated entry is never
 * served stale.
 *
 * @example
 * return pluginFileResponse('remoteEntry.js', { bytes }, c.req.header('if-none-match'));
 */
export function pluginFileResponse(
  file: string,
  body: PluginFileBody,
  ifNoneMatch: string | undefined,
): Response {
  const etag = body.etag ?? etagOf(body.bytes);
  const headers = new Headers({
    'Cache-Control': isContentHashed(file) ? immutableCaching : revalidatedCaching,
    ETag: etag,
  });
  if (matchesEtag(ifNoneMatch, etag)) return new Response(null, { status: 304, headers });
  headers.set('Content-Type', getMimeType(file) ?? body.contentType ?? 'application/octet-stream');
  headers.set('Content-Length', String(body.bytes.byteLength));
  headers.set('X-Content-Type-Options', 'nosniff');
  // Read from files or fetched: never a SharedArrayBuffer (the DOM lib's BodyInit, seen by packages that
  // typecheck this file with it, insists).
  return new Response(body.bytes as Uint8Array<ArrayBuffer>, { status: 200, headers });
}
