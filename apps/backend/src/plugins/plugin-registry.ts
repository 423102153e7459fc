import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BundleManifest, type PluginManifest, type Status, StatusError } from '@porthole/protocol';
import { type KubeconfigWatch, watchKubeconfigFiles } from '../clusters/index.ts';
import { createListenerSet } from '../server/listener-set.ts';
import { type ConfigChecker, createConfigChecker } from './config-checker.ts';
import type { LoadedPlugin } from './loaded-plugin.ts';
import {
  configuredManifest,
  mergePluginConfig,
  type PluginConfigValues,
  settingsWithoutSchema,
} from './plugin-config.ts';
import type { PluginFileBody } from './plugin-files.ts';
import { FolderFileError, loadFolderPlugin, readFolderFile, watchedFilesOf } from './plugin-folder.ts';
import { fetchServerFile, loadServerPlugin, pluginServerStatus } from './plugin-server.ts';
import { diffPlugins, type PluginRegistryChange } from './registry-change.ts';
import {
  emptyRegistryConfig,
  loadRegistryFile,
  type PluginRegistryConfig,
  type PluginSource,
} from './registry-file.ts';

/** The registry file looked for when `--plugins` names a folder. */
export const registryFileInFolder = 'plugins.yaml';

/** Options of {@link createPluginRegistry}. */
export interface PluginRegistryOptions {
  /** The registry file (YAML), or a folder holding `plugins.yaml`; without it the registry is empty. */
  file?: string | undefined;
  /** How long a plugin server may take for one file. Default 5000 ms. */
  fetchTimeoutMs?: number;
  /** How often plugin servers are asked again for their metadata and entry. Default 30 s. */
  serverRefreshMs?: number;
  /** How long to gather file events before reading again. Default 40 ms. */
  debounceMs?: number;
  /** Where problems and a subscriber's exception go; default `console.error`. */
  log?: (message: string) => void;
  /** Checks plugins' settings against their schemas; default a {@link createConfigChecker} of its own. */
  configChecker?: ConfigChecker;
}

/** The plugins Porthole offers, from its registry file, kept live. Created once in `main`. */
export interface PluginRegistry {
  /** The plugins of `bundle`, in the bundle's order; a 404 Status for a bundle the registry lacks. */
  bundleManifest(bundle: string): BundleManifest;
  /** The bundle of the first group that has one in `groupBundles`. */
  bundleOfGroups(groups: readonly string[]): string | undefined;
  /** A registered plugin as last read. */
  get(name: string): LoadedPlugin | undefined;
  /**
   * `plugin`'s manifest in `bundle` with its settings checked (see `configuredManifest`), e.g. for a
   * plugin a dev server describes.
   */
  withSettings(plugin: LoadedPlugin, bundle: string): Promise<PluginManifest>;
  /** A file of a registered plugin, for `/plugins/{name}/{file}`; rejects with a StatusError. */
  readFile(name: string, file: string): Promise<PluginFileBody>;
  /** Calls `listener` after every change of a manifest, a bundle or the registry error; returns the unsubscribe. */
  subscribe(listener: (change: PluginRegistryChange) => void): () => void;
  /** Reads everything again now, plugin servers included. */
  reload(): Promise<void>;
  /** Stops watching and refreshing; no change is published afterwards. */
  close(): Promise<void>;
}

interface Snapshot {
  config: PluginRegistryConfig;
  plugins: ReadonlyMap<string, LoadedPlugin>;
  error: Status | undefined;
  /** Per bundle, the manifests of its plugins in its order, their settings checked. */
  configured: ReadonlyMap<string, readonly PluginManifest[]>;
}

/** `--plugins` may name a folder: its `plugins.yaml` is the registry file. */
function registryFileOf(path: string): string {
  const absolute = resolve(path);
  try {
    if (statSync(absolute).isDirectory()) return join(absolute, registryFileInFolder);
  } catch {
    // Not there yet: the watch will see it appear.
  }
  return absolute;
}

function readFailure(name: string, file: string, err: unknown): StatusError {
  if (err instanceof FolderFileError && err.problem !== 'unreadable')
    return StatusError.notFound({ resource: 'pluginfiles' }, `${name}/${file}`);
  return StatusError.internal(err);
}

/** The manifest, advertising the registry file's `integrity:` pin (if any) instead of the served hash. */
function withPinnedIntegrity(plugin: LoadedPlugin): PluginManifest {
  const pin = 'integrity' in plugin.source ? plugin.source.integrity : undefined;
  return pin !== undefined && plugin.manifest.status === 'ok'
    ? { ...plugin.manifest, integrity: pin }
    : plugin.manifest;
}

/**
 * Reads the registry file and every plugin it registers, then keeps them live: the file and each
 * folder plugin's `porthole-plugin.json` and entry are watched (saves by rename included), plugin
 * servers are asked again every `serverRefreshMs`. A registry file that breaks keeps its last good
 * state and reports the error in every manifest; one plugin that can't be read is `status: 'error'`.
 *
 * @example
 * const plugins = await createPluginRegistry({ file: '/etc/porthole/plugins.yaml' });
 * plugins.bundleManifest('default').plugins; // [{ status: 'ok', name: 'cronjobs', integrity, ... }]
 * const stop = plugins.subscribe((change) => notifyShells(change));
 */
export async function createPluginRegistry(options: PluginRegistryOptions = {}): Promise<PluginRegistry> {
  const file = options.file === undefined ? undefined : registryFileOf(options.file);
  const timeoutMs = options.fetchTimeoutMs ?? 5_000;
  const debounceMs = options.debounceMs ?? 40;
  const log = options.log ?? console.error;
  const listeners = createListenerSet<PluginRegistryChange>('plugin registry', log);
  const serverPlugins = new Map<string, LoadedPlugin>();
  const checker = options.configChecker ?? createConfigChecker();
  let snapshot: Snapshot = {
    config: emptyRegistryConfig,
    plugins: new Map(),
    error: undefined,
    configured: new Map([...emptyRegistryConfig.bundles.keys()].map((bundle) => [bundle, []])),
  };
  let watch: { key: string; handle: KubeconfigWatch } | undefined;
  let closed = false;
  let debounce: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let pending: { servers: boolean } | undefined;

  async function loadSource(name: string, source: PluginSource, refetch: boolean): Promise<LoadedPlugin> {
    if (source.kind === 'folder') return loadFolderPlugin(name, source);
    const cached = serverPlugins.get(name);
    if (!refetch && cached?.source.kind === 'server' && cached.source.url === source.url) return cached;
    const loaded = await loadServerPlugin({ name, source, timeoutMs });
    serverPlugins.set(name, loaded);
    return loaded;
  }

  function rewatch(plugins: Iterable<LoadedPlugin>): void {
    if (file === undefined || closed) return;
    const paths = [file, ...[...plugins].flatMap(watchedFilesOf)];
    const key = [...paths].sort().join('\n');
    if (watch?.key === key) {
      watch.handle.refresh();
      return;
    }
    watch?.handle.close();
    watch = { key, handle: watchKubeconfigFiles({ paths, onChange: schedule }) };
    // A file written between reading it and watching it would go unseen: read once more.
    schedule();
  }

  const valuesOf = (config: PluginRegistryConfig, bundle: string, name: string) =>
    mergePluginConfig(config.pluginConfig.get(name), config.bundleConfig.get(bundle)?.get(name));

  /** `plugin`'s manifest with `values` checked against its schema; as it is when it has neither. */
  async function withValues(
    plugin: LoadedPlugin,
    values: PluginConfigValues | undefined,
    bundle: string,
  ): Promise<PluginManifest> {
    const manifest = withPinnedIntegrity(plugin);
    if (manifest.status !== 'ok' || (plugin.configSchema === undefined && values === undefined))
      return manifest;
    const check =
      plugin.configSchema === undefined
        ? settingsWithoutSchema
        : await checker.check(plugin.configSchema, values);
    return configuredManifest(manifest, check, bundle);
  }

  /** Each bundle's manifests of its plugins, with their settings checked. */
  async function configure(
    config: PluginRegistryConfig,
    plugins: ReadonlyMap<string, LoadedPlugin>,
  ): Promise<Snapshot['configured']> {
    const entries = await Promise.all(
      [...config.bundles].map(async ([bundle, names]) => {
        const inBundle = names.flatMap((name) => {
          const plugin = plugins.get(name);
          return plugin ? [plugin] : [];
        });
        const manifests = await Promise.all(
          inBundle.map((plugin) => withValues(plugin, valuesOf(config, bundle, plugin.name), bundle)),
        );
        return [bundle, manifests] as const;
      }),
    );
    return new Map(entries);
  }

  async function reload(refetchServers: boolean): Promise<void> {
    let { config } = snapshot;
    let error: Status | undefined;
    if (file !== undefined) {
      const result = await loadRegistryFile(file);
      if (result.ok) config = result.config;
      else error = result.error.status;
    }
    const names = [...config.plugins.keys()];
    const loaded = await Promise.all(
      [...config.plugins].map(([name, source]) => loadSource(name, source, refetchServers)),
    );
    if (closed) return;
    for (const name of serverPlugins.keys()) if (!config.plugins.has(name)) serverPlugins.delete(name);
    const plugins = new Map(names.map((n, i) => [n, loaded[i]!]));
    const configured = await configure(config, plugins);
    if (closed) return;
    const next: Snapshot = { config, plugins, error, configured };
    const before = snapshot;
    snapshot = next;
    rewatch(next.plugins.values());
    if (error && error.message !== before.error?.message) log(`porthole: plugin registry: ${error.message}`);
    for (const { name, manifest } of next.plugins.values()) {
      const previous = before.plugins.get(name)?.manifest;
      if (manifest.status === 'error' && (previous?.status !== 'error' || previous.error !== manifest.error))
        log(`porthole: plugin "${name}": ${manifest.error}`);
    }
    const change = diffPlugins(before, next);
    if (change) listeners.publish(change);
  }

  /** One reload at a time; events during a reload cause one more. */
  function run(servers = false): void {
    if (closed) return;
    if (running) {
      pending = { servers: servers || (pending?.servers ?? false) };
      return;
    }
    running = reload(servers)
      .catch((err: unknown) => log(`porthole: reading the plugin registry failed: ${String(err)}`))
      .finally(() => {
        running = undefined;
        const again = pending;
        pending = undefined;
        if (again) run(again.servers);
      });
  }

  function schedule(): void {
    // Not reset by later events: a build writing many files must still be read every debounceMs.
    if (closed || debounce !== undefined) return;
    debounce = setTimeout(() => {
      debounce = undefined;
      run();
    }, debounceMs).unref();
  }

  const refresh = setInterval(() => run(true), options.serverRefreshMs ?? 30_000).unref();
  run(true);
  await running;

  async function readFile(name: string, path: string): Promise<PluginFileBody> {
    const plugin = snapshot.plugins.get(name);
    if (!plugin) throw StatusError.notFound({ resource: 'plugins' }, name);
    const held = plugin.held.get(path);
    if (held) return held;
    const { source } = plugin;
    if (source.kind === 'folder') {
      try {
        return { bytes: await readFolderFile(source.dir, path) };
      } catch (err) {
        throw readFailure(name, path, err);
      }
    }
    try {
      return await fetchServerFile(source.url, path, timeoutMs);
    } catch (err) {
      throw pluginServerStatus(name, path, err);
    }
  }

  return {
    bundleManifest(bundle) {
      const { config, error, configured } = snapshot;
      const plugins = configured.get(bundle);
      if (!plugins) throw StatusError.notFound({ resource: 'bundles' }, bundle);
      return {
        bundle,
        bundles: [...config.bundles.keys()],
        plugins: [...plugins],
        ...(error ? { registryError: error } : {}),
      };
    },
    bundleOfGroups(groups) {
      const { groupBundles } = snapshot.config;
      for (const group of groups) {
        const bundle = groupBundles.get(group);
        if (bundle !== undefined) return bundle;
      }
      return undefined;
    },
    get: (name) => snapshot.plugins.get(name),
    withSettings: (plugin, bundle) =>
      withValues(plugin, valuesOf(snapshot.config, bundle, plugin.name), bundle),
    readFile,
    subscribe(listener) {
      if (closed) return () => {};
      return listeners.add(listener);
    },
    async reload() {
      run(true);
      while (running) await running;
    },
    async close() {
      closed = true;
      clearTimeout(debounce);
      clearInterval(refresh);
      watch?.handle.close();
      listeners.clear();
      await running;
    },
  };
}
