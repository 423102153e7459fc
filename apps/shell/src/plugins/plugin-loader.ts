import type { PluginManifest } from '@porthole/protocol';
import { checkPluginDefinition } from '@porthole/sdk';
import { diagnoseEntry } from './entry-diagnosis.ts';
import type { RemoteLoader } from './federation.ts';
import { type PluginLoadResult, reasonOf } from './plugin-load-result.ts';
import { type SharedSingletonState, singletonProblems } from './shared-singletons.ts';

/** What the loader needs; `bootstrap` passes the real ones, tests pass their own. */
export interface PluginLoaderOptions {
  /** The SDK version the shell provides (`sdkVersion` from `@porthole/sdk`). */
  sdkVersion: string;
  fetch: typeof fetch;
  /** The Module Federation side, created on first use (see `federation.ts`). */
  remotes: () => Promise<RemoteLoader>;
  /** The semver check, loaded on first use (see `sdk-range.ts`). */
  sdkMismatch: () => Promise<(range: string, version: string) => string | undefined>;
}

/** Loads plugins; see {@link createPluginLoader}. */
export interface PluginLoader {
  /** Never rejects. A success is kept; a failure is forgotten, so calling again retries. */
  load(manifest: PluginManifest): Promise<PluginLoadResult>;
  /** The shared singletons now, once Module Federation was needed (else `undefined`). */
  sharedReport(): SharedSingletonState[] | undefined;
  /**
   * Takes the new definition a dev server's hot update produced (`definition`: what `./plugin` exports
   * by default now), checks it as a load would, and keeps it as the plugin's result when it passes, so
   * later loads return it. Only for a dev override (`manifest.dev`): any other manifest is refused.
   */
  hotUpdate(manifest: PluginManifest, definition: unknown): Promise<PluginLoadResult>;
}

/** Runs `load` once at a time and forgets a failed (rejected) attempt, so the next call retries. */
export function onceUntilFailure<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (!pending) {
      const attempt = load();
      pending = attempt;
      attempt.catch(() => {
        if (pending === attempt) pending = undefined;
      });
    }
    return pending;
  };
}

/**
 * The plugin loader: checks the plugin's SDK range against the shell's SDK (semver, loaded lazily),
 * registers its remote with Module Federation at run time, loads `./plugin` with the entry's integrity
 * enforced by the browser, and checks the export with `checkPluginDefinition`. A failure says why: the
 * registry's own error, an incompatible SDK, an entry that can't be fetched (its server is down) or
 * whose bytes don't match the integrity, or an export that is not a plugin.
 *
 * @example
 * const loader = createPluginLoader({ sdkVersion, fetch, remotes: () => import('./federation.ts').then((m) => m.createRemoteLoader()),
 *   sdkMismatch: () => import('./sdk-range.ts').then((m) => m.sdkMismatch) });
 * const result = await loader.load(manifest);
 * if (result.status === 'failed') showCard(result.reason);
 */
export function createPluginLoader(options: PluginLoaderOptions): PluginLoader {
  const attempts = new Map<string, Promise<PluginLoadResult>>();
  let federation: RemoteLoader | undefined;

  async function attempt(manifest: Extract<PluginManifest, { status: 'ok' }>): Promise<PluginLoadResult> {
    const { name, version } = manifest;
    const failed = (kind: Extract<PluginLoadResult, { status: 'failed' }>['kind'], reason: string) =>
      ({ status: 'failed', name, version, kind, reason }) as const;
    const mismatch = await options.sdkMismatch();
    const declared = mismatch(manifest.sdk, options.sdkVersion);
    if (declared) return failed('incompatible-sdk', declared);
    let module: unknown;
    let remotes: RemoteLoader;
    try {
      remotes = await options.remotes();
      federation = remotes;
      module = await remotes.loadPlugin(manifest);
    } catch (err) {
      const why = await diagnoseEntry(options.fetch, manifest.entry, manifest.integrity, reasonOf(err));
      return failed(why.kind, why.reason);
    }
    const checked = checkDefinition(manifest, (module as { default?: unknown }).default, mismatch);
    if (checked.status === 'failed') return checked;
    // A second Solid fails silently (broken context, events delegated twice): refuse to render on one.
    const problems = singletonProblems(remotes.sharedReport(), remotes.hostName, manifest.remoteName);
    if (!remotes.solidIsShells()) problems.push('the solid-js the share scope provides is not the shell’s');
    if (problems.length > 0) return failed('shared-mismatch', problems.join('; '));
    return checked;
  }

  /** The checks on what `./plugin` exports by default: a plugin definition, of this name, for this SDK. */
  function checkDefinition(
    manifest: Extract<PluginManifest, { status: 'ok' }>,
    definition: unknown,
    mismatch: (range: string, version: string) => string | undefined,
  ): PluginLoadResult {
    const { name, version } = manifest;
    const failed = (kind: Extract<PluginLoadResult, { status: 'failed' }>['kind'], reason: string) =>
      ({ status: 'failed', name, version, kind, reason }) as const;
    const check = checkPluginDefinition(definition);
    if (!check.ok) return failed('invalid-definition', `${name}/plugin: ${check.reason}`);
    const { plugin } = check;
    if (plugin.name !== name)
      return failed(
        'invalid-definition',
        `the registry lists this plugin as "${name}" but its code says it is "${plugin.name}"`,
      );
    const actual = mismatch(plugin.sdk, options.sdkVersion);
    if (actual) return failed('incompatible-sdk', actual);
    const config = manifest.config === undefined ? {} : { config: manifest.config };
    return { status: 'loaded', name, version: plugin.version, plugin, ...config };
  }

  // The config too: new settings in the registry give a new result, which the plugin's next view gets.
  const keyOf = (manifest: Extract<PluginManifest, { status: 'ok' }>) =>
    `${manifest.name} ${manifest.entry} ${manifest.integrity ?? ''} ${JSON.stringify(manifest.config ?? null)}`;

  return {
    sharedReport: () => federation?.sharedReport(),
    load(manifest) {
      if (manifest.status === 'error') {
        return Promise.resolve({
          status: 'failed',
          name: manifest.name,
          ...(manifest.version ? { version: manifest.version } : {}),
          kind: manifest.configErrors ? 'invalid-config' : 'unavailable',
          reason: manifest.error,
        });
      }
      const key = keyOf(manifest);
      const known = attempts.get(key);
      if (known) return known;
      const result = attempt(manifest).catch(
        (err: unknown): PluginLoadResult => ({
          status: 'failed',
          name: manifest.name,
          version: manifest.version,
          kind: 'unreachable',
          reason: reasonOf(err),
        }),
      );
      attempts.set(key, result);
      void result.then((r) => {
        if (r.status === 'failed' && attempts.get(key) === result) attempts.delete(key);
      });
      return result;
    },
    async hotUpdate(manifest, definition) {
      if (manifest.status !== 'ok' || manifest.dev !== true) {
        return {
          status: 'failed',
          name: manifest.name,
          kind: 'unavailable',
          reason: `plugin "${manifest.name}" is not served by a dev server (?dev=): hot updates are refused`,
        };
      }
      const result = checkDefinition(manifest, definition, await options.sdkMismatch());
      // A failure is not kept: Retry loads the remote's `./plugin` again.
      if (result.status === 'loaded') attempts.set(keyOf(manifest), Promise.resolve(result));
      else attempts.delete(keyOf(manifest));
      return result;
    },
  };
}
