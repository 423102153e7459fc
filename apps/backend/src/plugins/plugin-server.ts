import { StatusError } from '@porthole/protocol';
import { badGateway, describeUpstreamFailure } from '../proxy/upstream-error.ts';
import { type LoadedPlugin, type LoadedPluginSource, loadPlugin } from './loaded-plugin.ts';

/** A file fetched from a plugin server. */
export interface FetchedFile {
  bytes: Uint8Array;
  /** The server's `Content-Type`, if it sent one. */
  contentType: string | undefined;
}

/** Why a plugin server did not give a file; `status` is the HTTP status when it answered at all. */
export class PluginServerError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.name = 'PluginServerError';
    this.status = status;
  }
}

function isTimeout(err: unknown): boolean {
  return err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError');
}

/**
 * GETs `file` under the plugin server's base URL (which ends with `/`) within `timeoutMs`. Sends no
 * cookie or credential of the browser; follows no redirect to another origin; never leaves the base
 * path (a first segment like `https:` would otherwise read as a scheme, and `%2e%2e` as `..`).
 *
 * @example
 * const { bytes } = await fetchServerFile('https://plugins.example.com/billing/', 'remoteEntry.js', 5000);
 */
export async function fetchServerFile(
  baseUrl: string,
  file: string,
  timeoutMs: number,
): Promise<FetchedFile> {
  const base = new URL(baseUrl);
  const url = new URL(`./${file}`, base);
  const server = `plugin server ${baseUrl}`;
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname))
    throw new PluginServerError(`${file} is outside ${server}`, 404);
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    if (new URL(res.url || url).origin !== url.origin) {
      await res.body?.cancel();
      throw new PluginServerError(`${server} redirected ${file} to another origin`);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new PluginServerError(`${server} answered ${res.status} for ${file}`, res.status);
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { bytes, contentType: res.headers.get('content-type') ?? undefined };
  } catch (err) {
    if (err instanceof PluginServerError) throw err;
    if (isTimeout(err)) throw new PluginServerError(`${server} did not answer within ${timeoutMs} ms`);
    const cause = (err as { cause?: unknown }).cause ?? err;
    throw new PluginServerError(`${server} is unreachable: ${describeUpstreamFailure(cause)}`);
  }
}

/**
 * A plugin server's failure as the browser sees it: its own 404 stays a 404, anything else (it is down,
 * too slow, answered 5xx) is a 502 Status naming the server and the cause.
 *
 * @example
 * catch (err) { throw pluginServerStatus('billing', 'static/js/1.ab12cd34.js', err); }
 */
export function pluginServerStatus(name: string, file: string, err: unknown): StatusError {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof PluginServerError && err.status === 404)
    return StatusError.notFound({ resource: 'pluginfiles' }, `${name}/${file}`);
  return badGateway({ kind: 'plugins', name }, `plugin "${name}": ${message}`, message);
}

/** Options of {@link loadServerPlugin}. */
export interface LoadServerPluginOptions {
  name: string;
  /** A registered plugin server, or a dev server (whose entry the browser loads directly). */
  source: Extract<LoadedPluginSource, { kind: 'server' | 'dev' }>;
  timeoutMs: number;
}

/**
 * Loads a plugin from a plugin server: fetches `porthole-plugin.json` and the entry it names and keeps
 * their bytes, which the backend then serves same-origin under `/plugins/{name}/` so the integrity is
 * that of the bytes the browser gets. A dev server's entry is its own absolute URL instead. A server
 * that is down gives `status: 'error'` with the reason, never a rejection.
 *
 * @example
 * const plugin = await loadServerPlugin({ name: 'billing', timeoutMs: 5000,
 *   source: { kind: 'server', url: 'https://plugins.example.com/billing/' } });
 */
export async function loadServerPlugin(options: LoadServerPluginOptions): Promise<LoadedPlugin> {
  const { name, source, timeoutMs } = options;
  return loadPlugin({
    name,
    source,
    entryUrl: (entry) =>
      source.kind === 'dev' ? new URL(entry, source.url).href : `/plugins/${name}/${entry}`,
    read: async (file) => (await fetchServerFile(source.url, file, timeoutMs)).bytes,
  });
}
