import {
  type BundleManifest,
  bundleManifestSchema,
  isStatus,
  type Status,
  StatusError,
} from '@porthole/protocol';
import { type Accessor, createSignal } from 'solid-js';
import { type BundleChoice, pluginsQuery } from './bundle-choice.ts';

/** The plugins of the bundle as the backend lists them, kept fresh. */
export interface PluginCatalog {
  /** The last good answer of `GET /api/plugins` (kept while a refresh fails). */
  manifest: Accessor<BundleManifest | undefined>;
  /** Why the last refresh failed; `undefined` after a good one. */
  error: Accessor<Status | undefined>;
  /** Fetches the list again; resolves when done, never rejects. Unchanged answers change nothing. */
  refresh(): Promise<void>;
}

/** Options of {@link createPluginCatalog}. */
export interface PluginCatalogOptions {
  fetch: typeof fetch;
  choice: Accessor<BundleChoice>;
  /** Called when the chosen bundle does not exist (404), e.g. to forget a remembered one. */
  onUnknownBundle?: (bundle: string) => void;
}

function statusOf(code: number, message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code, message };
}

/**
 * `GET /api/plugins?bundle=...` (with `?dev=` overrides passed through), parsed with the protocol
 * schema. The request revalidates every time (`no-cache`), so a registry change reaches the shell on
 * the next refresh; identical answers are ignored so nothing re-renders.
 *
 * @example
 * const catalog = createPluginCatalog({ fetch, choice: () => ({ bundle: 'payments', dev: [] }) });
 * await catalog.refresh();
 * catalog.manifest()?.plugins.map((p) => p.name);
 */
export function createPluginCatalog(options: PluginCatalogOptions): PluginCatalog {
  const [manifest, setManifest] = createSignal<BundleManifest>();
  const [error, setError] = createSignal<Status>();
  let lastText = '';
  let latest = 0;

  async function refresh(): Promise<void> {
    const run = ++latest;
    const choice = options.choice();
    const path = `/api/plugins${pluginsQuery(choice)}`;
    let res: Response;
    let text: string;
    try {
      res = await options.fetch(path, { cache: 'no-cache', headers: { accept: 'application/json' } });
      text = await res.text();
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      if (run === latest)
        setError(StatusError.serviceUnavailable(`cannot reach the Porthole server: ${why}`).status);
      return;
    }
    if (run !== latest) return;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!res.ok) {
      if (res.status === 404 && choice.bundle) options.onUnknownBundle?.(choice.bundle);
      setError(isStatus(body) ? body : statusOf(res.status, `GET ${path} failed: ${res.status}`));
      return;
    }
    if (text === lastText) {
      setError(undefined);
      return;
    }
    const parsed = bundleManifestSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      setError(statusOf(500, `GET ${path} returned an unexpected body${where}: ${issue?.message ?? ''}`));
      return;
    }
    lastText = text;
    setError(undefined);
    setManifest(parsed.data);
  }

  return { manifest, error, refresh };
}
