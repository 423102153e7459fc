import type { PluginManifest, Status } from '@porthole/protocol';
import type { PluginRegistryConfig } from './registry-file.ts';

/** What changed in the plugin registry, published to its subscribers (e.g. to tell open shells). */
export interface PluginRegistryChange {
  /** Plugins the registry did not have before. */
  added: string[];
  /** Plugins no longer registered. */
  removed: string[];
  /** Plugins whose manifest changed: a new build (new integrity), a new version, a new error, ... */
  changed: string[];
  /** True when a bundle's list, the group-to-bundle mapping or a plugin's settings changed. */
  bundlesChanged: boolean;
  /** The registry file's current problem, if any (the registry keeps its last good state meanwhile). */
  registryError: Status | undefined;
}

/** What {@link diffPlugins} compares: the config and each plugin's manifest. */
export interface RegistryState {
  config: PluginRegistryConfig;
  plugins: ReadonlyMap<string, { manifest: PluginManifest }>;
  error: Status | undefined;
}

function bundlesOf(config: PluginRegistryConfig): string {
  const bundleConfig = [...config.bundleConfig].map(([bundle, plugins]) => [bundle, [...plugins]]);
  return JSON.stringify([
    [...config.bundles],
    [...config.groupBundles],
    [...config.pluginConfig],
    bundleConfig,
  ]);
}

/**
 * The change from `before` to `after`, or `undefined` when nothing a browser could see changed.
 *
 * @example
 * const change = diffPlugins(before, after); // { added: ['billing'], removed: [], changed: [], ... }
 */
export function diffPlugins(before: RegistryState, after: RegistryState): PluginRegistryChange | undefined {
  const added = [...after.plugins.keys()].filter((name) => !before.plugins.has(name));
  const removed = [...before.plugins.keys()].filter((name) => !after.plugins.has(name));
  const changed = [...after.plugins].flatMap(([name, plugin]) => {
    const old = before.plugins.get(name);
    return old && JSON.stringify(old.manifest) !== JSON.stringify(plugin.manifest) ? [name] : [];
  });
  const bundlesChanged = bundlesOf(before.config) !== bundlesOf(after.config);
  const errorChanged = JSON.stringify(before.error) !== JSON.stringify(after.error);
  if (added.length + removed.length + changed.length === 0 && !bundlesChanged && !errorChanged)
    return undefined;
  return { added, removed, changed, bundlesChanged, registryError: after.error };
}
