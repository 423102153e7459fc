import { type BundleManifest, type PluginManifest, pluginNameSchema, StatusError } from '@porthole/protocol';
import type { LoadedPlugin } from './loaded-plugin.ts';
import { loadServerPlugin } from './plugin-server.ts';

/** The query parameter of `GET /api/plugins` that points a plugin at a dev server: `dev=NAME=URL`. */
export const devOverrideParam = 'dev';

/** One plugin served by a dev server for this request. */
export interface DevOverride {
  name: string;
  /** The dev server's base URL, ending with `/`. */
  url: string;
}

/**
 * Parses `dev=NAME=URL` values (`dev=cronjobs=http://localhost:3001/`). A malformed one is a 400 Status
 * whose cause names the parameter.
 *
 * @example
 * parseDevOverrides(['cronjobs=http://localhost:3001']); // [{ name: 'cronjobs', url: 'http://localhost:3001/' }]
 */
export function parseDevOverrides(values: readonly string[]): DevOverride[] {
  return values.map((value) => {
    const at = value.indexOf('=');
    const name = value.slice(0, Math.max(at, 0));
    const raw = value.slice(at + 1);
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    if (at < 1 || !pluginNameSchema.safeParse(name).success || !url || !/^https?:$/.test(url.protocol)) {
      throw StatusError.badRequest(
        `${devOverrideParam}=${JSON.stringify(value)} is not NAME=URL with a plugin name and an http(s) URL, ` +
          `e.g. ${devOverrideParam}=cronjobs=http://localhost:3001/`,
      );
    }
    const href = url.href.split(/[?#]/)[0] ?? url.href;
    return { name, url: href.endsWith('/') ? href : `${href}/` };
  });
}

/**
 * `manifest` with each overridden plugin replaced by (or, when the bundle lacks it, added as) the plugin
 * its dev server describes: entry loaded straight from the dev server (so hot reload works), no
 * integrity, `dev: true`. A dev server that is down gives that plugin `status: 'error'`. `configure` gives
 * a loaded plugin's manifest with the bundle's settings for it checked, as the registered one's are
 * (`PluginRegistry.withSettings`).
 *
 * @example
 * const manifest = await applyDevOverrides(registry.bundleManifest('default'), overrides, 5000,
 *   (plugin) => registry.withSettings(plugin, 'default'));
 */
export async function applyDevOverrides(
  manifest: BundleManifest,
  overrides: readonly DevOverride[],
  timeoutMs: number,
  configure: (plugin: LoadedPlugin) => Promise<PluginManifest> = async (plugin) => plugin.manifest,
): Promise<BundleManifest> {
  if (overrides.length === 0) return manifest;
  const loaded = await Promise.all(
    overrides.map(({ name, url }) => loadServerPlugin({ name, source: { kind: 'dev', url }, timeoutMs })),
  );
  const byName = new Map(
    await Promise.all(loaded.map(async (plugin) => [plugin.name, await configure(plugin)] as const)),
  );
  const plugins = manifest.plugins.map((plugin) => byName.get(plugin.name) ?? plugin);
  const present = new Set(manifest.plugins.map((plugin) => plugin.name));
  for (const [name, plugin] of byName) if (!present.has(name)) plugins.push(plugin);
  return { ...manifest, plugins };
}
