import { extname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RsbuildPlugin } from '@rsbuild/core';

/** The request a plugin's build exposes as `./plugin`; aliased to the kit's boundary or the plugin module. */
export const exposedPluginRequest = '@porthole-kit/exposed-plugin';

/** The request the boundary imports the plugin's own definePlugin module by. */
const pluginModuleRequest = '@porthole-kit/plugin-module';

/** The kit's HMR boundary (`hot-boundary.ts`). */
export const hotBoundaryFile = fileURLToPath(
  new URL(`./hot-boundary${extname(fileURLToPath(import.meta.url))}`, import.meta.url),
);

/** Options of {@link pluginPortholeHotReload}. */
export interface PortholeHotReloadOptions {
  /** The plugin's registry name, sent with each update. */
  name: string;
  /** The plugin's definePlugin module, relative to its root (or absolute). */
  pluginModule: string;
}

/**
 * Hot reload inside a running portal. Under `rsbuild dev` the remote's `./plugin` is the kit's boundary
 * (`hot-boundary.ts`), which re-exports the plugin module and accepts the hot updates that reach it,
 * then dispatches `porthole:plugin-updated` (`detail: { name, plugin }`) on the portal's window; the
 * portal re-mounts that plugin's pages and slots with the new definition. Any other build exposes the
 * plugin module itself. Solid's hot refresh stays off (it needs Solid's development build, and the
 * portal shares its production Solid), so component state inside the plugin is not kept.
 *
 * @example
 * pluginModuleFederation({ exposes: { './plugin': exposedPluginRequest }, ... }),
 * pluginPortholeHotReload({ name: 'hello', pluginModule: './src/plugin.ts' }),
 */
export function pluginPortholeHotReload(options: PortholeHotReloadOptions): RsbuildPlugin {
  return {
    name: 'porthole:hot-reload',
    setup(api) {
      api.modifyRsbuildConfig((config, { mergeRsbuildConfig }) => {
        const root = api.context.rootPath;
        const pluginModule = isAbsolute(options.pluginModule)
          ? options.pluginModule
          : join(root, options.pluginModule);
        const hot = api.context.action === 'dev';
        return mergeRsbuildConfig(config, {
          resolve: {
            alias: {
              [`${exposedPluginRequest}$`]: hot ? hotBoundaryFile : pluginModule,
              [`${pluginModuleRequest}$`]: pluginModule,
            },
          },
          source: { define: { __PORTHOLE_PLUGIN_NAME__: JSON.stringify(options.name) } },
        });
      });
    },
  };
}
