import type { KubeObject } from '@porthole/protocol';
import {
  collectionPath,
  openGet,
  readBody,
  responseFailure,
  type UpstreamWatchTarget,
  type WatchTransport,
} from './watch-request.ts';

/** What {@link listAllPages} needs. */
export interface PagedListOptions {
  transport: WatchTransport;
  target: UpstreamWatchTarget;
  pageSize: number;
  signal: AbortSignal;
  /** Called with the path of each page request. */
  onPage?: ((path: string) => void) | undefined;
  /**
   * Called with each page's items as it arrives, before the next page is asked for (a chunked sync):
   * `first` marks the first page of a LIST that (re)starts, `last` the page that completes it.
   */
  onItems?: ((page: ListedPage) => void) | undefined;
  /**
   * LIST the collection as it was at this resourceVersion (`resourceVersionMatch=Exact`) instead of now;
   * rejects with {@link VersionGone} when the API server no longer has it (compacted: 410).
   */
  at?: string | undefined;
}

/** One page of a LIST as {@link PagedListOptions.onItems} sees it. */
export interface ListedPage {
  items: KubeObject[];
  /**
   * The JSON text of `items` exactly as the API server sent it (see {@link itemsTextOf}), so a chunk
   * goes out without serialising its objects again; `undefined` when the body was not laid out so.
   */
  itemsText: string | undefined;
  first: boolean;
  last: boolean;
  /** The API server's estimate of the objects after this page (`metadata.remainingItemCount`). */
  remainingItemCount: number | undefined;
}

/** A complete LIST: every page's items and the list's resourceVersion. */
export interface PagedListResult {
  items: KubeObject[];
  resourceVersion: string;
}

class ContinueExpired extends Error {}

/** The resourceVersion asked for with `at` is gone (410): the caller lists the present instead. */
export class VersionGone extends Error {}

/**
 * LISTs a collection in pages of `pageSize` (`limit`, `continue`); when a continue token expires (410)
 * the LIST starts over. Rejects with an `UpstreamFailure` for any other non-200 answer (after a 401 the
 * credentials are invalidated when they are renewable).
 *
 * @example
 * const { items, resourceVersion } = await listAllPages({ transport, target, pageSize: 500, signal });
 */
export async function listAllPages(options: PagedListOptions): Promise<PagedListResult> {
  for (;;) {
    try {
      return await listOnce(options);
    } catch (err) {
      if (!(err instanceof ContinueExpired) || options.signal.aborted) throw err;
    }
  }
}

async function listOnce(options: PagedListOptions): Promise<PagedListResult> {
  const { transport } = options;
  const items: KubeObject[] = [];
  let token: string | undefined;
  for (;;) {
    // A continue token carries the first page's resourceVersion: only the first page names it.
    const at = token === undefined && options.at !== undefined;
    const params = {
      limit: String(options.pageSize),
      ...(token ? { continue: token } : {}),
      ...(at ? { resourceVersion: options.at as string, resourceVersionMatch: 'Exact' } : {}),
    };
    const path = collectionPath(options.target, params);
    options.onPage?.(path);
    const response = await openGet(transport, path, options.signal);
    const body = await readBody(response);
    if (response.statusCode !== 200) {
      const failed = responseFailure(response, body);
      if (failed.code === 410) throw at ? new VersionGone() : new ContinueExpired();
      throw failed;
    }
    const page = JSON.parse(body) as {
      items?: KubeObject[];
      metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
    };
    const first = token === undefined;
    const pageItems = page.items ?? [];
    for (const item of pageItems) items.push(item);
    token = page.metadata?.continue || undefined;
    const remaining = page.metadata?.remainingItemCount;
    options.onItems?.({
      items: pageItems,
      itemsText: itemsTextOf(body, pageItems.length),
      first,
      last: !token,
      remainingItemCount: typeof remaining === 'number' && remaining >= 0 ? remaining : undefined,
    });
    if (!token) return { items, resourceVersion: page.metadata?.resourceVersion ?? '' };
  }
}

/**
 * The text of a LIST body's `items` array, cut from the body the API server sent: it encodes a list's
 * fields in order (kind, apiVersion, metadata, items), so `items` is the last field and its array ends
 * the body. The key `"items":[` cannot occur earlier (not inside a string, where its quotes would be
 * escaped, nor in ListMeta). Anything else (another layout, an empty array written otherwise) gives
 * `undefined`, and the caller serialises the parsed items instead.
 *
 * @example
 * itemsTextOf('{"kind":"PodList","metadata":{},"items":[{"a":1}]}\n', 1); // '[{"a":1}]'
 */
export function itemsTextOf(body: string, count: number): string | undefined {
  const key = body.indexOf('"items":[');
  if (key < 0) return undefined;
  let end = body.length - 1;
  while (end > key && /\s/.test(body[end] as string)) end--;
  if (body[end] !== '}') return undefined;
  end--;
  while (end > key && /\s/.test(body[end] as string)) end--;
  if (body[end] !== ']') return undefined;
  const text = body.slice(key + 8, end + 1);
  // The parsed count must agree: an empty array is `[]`, a full one is not.
  if ((count === 0) !== (text.replace(/\s/g, '') === '[]')) return undefined;
  return text;
}
