import { pluginModuleFederation } from '@module-federation/rsbuild-plugin';
import { mergeRsbuildConfig, type RsbuildConfig } from '@rsbuild/core';
import { pluginBabel } from '@rsbuild/plugin-babel';
import { pluginSolid } from '@rsbuild/plugin-solid';
import { exposedPluginRequest, pluginPortholeHotReload } from '../dev/hot-reload-plugin.ts';
import { remoteEntryFile } from '../metadata/plugin-metadata.ts';
import { federationRuntimeExternals } from './federation-runtime.ts';
import { pluginPortholeMetadata } from './porthole-metadata-plugin.ts';
import { remoteNameOf } from './remote-name.ts';
import { sharedSingletonsFor } from './shared-singletons.ts';

/** The dev server's default port; `rsbuild dev --port N` picks another. */
export const defaultDevPort = 3001;

/** Where a portal usually runs during development (`porthole serve` defaults). */
export const defaultPortalOrigins = ['http://127.0.0.1:4466', 'http://localhost:4466'];

/** A portal on this machine, on any port, may always load from the dev server. */
const loopbackOrigin = /^https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?$/;

/** Options of {@link definePluginBuild}. */
export interface PluginBuildOptions {
  /** The plugin's name: its registry key, `/plugins/{name}/` URL and `porthole_{name}` container. */
  name: string;
  /** The module exposed as `./plugin` (its default export is `definePlugin(...)`). Default `./src/plugin.ts`. */
  pluginModule?: string;
  /** The plugin's folder. Default: the current folder, where `rsbuild` runs. */
  root?: string;
  /**
   * Development server: its port, and the portal origins allowed to fetch from it (CORS) besides any
   * portal on this machine (`http://127.0.0.1:*`, `http://localhost:*`); the first is the one printed.
   */
  dev?: { port?: number; portalOrigins?: readonly string[] };
  /**
   * Use the Module Federation runtime of the page (the Porthole shell provides it) instead of bundling
   * one: `experiments.externalRuntime` for the runtime core, and `@module-federation/sdk` and
   * `error-codes` read from the globals the shell sets (`federationRuntimeGlobals`). The entry drops
   * from about 31 KB to about 8 KB gzip. Default `true`; `false` builds an entry that carries its own
   * runtime (for a host other than the Porthole shell).
   */
  externalRuntime?: boolean;
  /** Anything else, merged over the preset (`mergeRsbuildConfig`). */
  rsbuild?: RsbuildConfig;
}

/**
 * The whole Rsbuild config of a Porthole plugin, so its `rsbuild.config.ts` is a few lines:
 * - Solid through Babel (registered before the Solid plugin so Babel sees `.tsx` before SWC);
 * - a Module Federation remote named `porthole_{name}` exposing `./plugin`, entry `remoteEntry.js`
 *   (a stable name: the registry hashes it and serves it `no-cache`), every other chunk content-hashed;
 * - `solid-js` (with `/web` and `/store`) and `@porthole/sdk` shared as strict singletons with no copy
 *   in the plugin (`import: false`): the shell provides them;
 * - the leaf-plugin optimisations (a plugin loads no remotes itself: `disableRemote`, `disableSnapshot`);
 * - the page's federation runtime instead of a copy in every entry (`externalRuntime`, default on);
 * - chunks loaded relative to the entry (`assetPrefix: 'auto'`), so the same build works under
 *   `/plugins/{name}/` and from a plugin server;
 * - `porthole-plugin.json` written after the build (served by the dev server under `rsbuild dev`);
 * - under `rsbuild dev`, hot reload inside the portal through the kit's HMR boundary
 *   (`pluginPortholeHotReload`), and a reload of the portal page when a hot update can't be applied.
 *
 * @example
 * // rsbuild.config.ts
 * import { definePluginBuild } from '@porthole/plugin-kit';
 * export default definePluginBuild({ name: 'hello' });
 */
export function definePluginBuild(options: PluginBuildOptions): RsbuildConfig {
  const root = options.root ?? process.cwd();
  const pluginModule = options.pluginModule ?? './src/plugin.ts';
  const port = options.dev?.port ?? defaultDevPort;
  const externalRuntime = options.externalRuntime ?? true;
  const portalOrigins = [...(options.dev?.portalOrigins ?? defaultPortalOrigins)];
  const preset: RsbuildConfig = {
    root,
    plugins: [
      pluginBabel({ include: /\.(?:jsx|tsx)$/ }),
      // No Solid hot refresh: it needs Solid's development build, and the portal shares its production
      // Solid with every plugin (every refresh boundary would decline). The kit's boundary does the work.
      pluginSolid({ refresh: { disabled: true } }),
      pluginModuleFederation({
        name: remoteNameOf(options.name),
        filename: remoteEntryFile,
        // The plugin module, or under `rsbuild dev` the kit's hot boundary around it (see below).
        exposes: { './plugin': exposedPluginRequest },
        shared: sharedSingletonsFor(root),
        dts: false,
        manifest: false,
        // A plugin consumes no remotes and no manifest snapshots: drop that runtime code (about 2 KB gzip).
        experiments: {
          ...(externalRuntime && { externalRuntime: true }),
          optimization: { disableRemote: true, disableSnapshot: true, target: 'web' },
        },
      }),
      pluginPortholeHotReload({ name: options.name, pluginModule }),
      pluginPortholeMetadata({
        name: options.name,
        pluginModule,
        portalOrigin: portalOrigins[0] ?? defaultPortalOrigins[0]!,
      }),
    ],
    // A plugin has no page of its own: the remote entry is its only entry.
    source: { entry: {} },
    tools: { htmlPlugin: false },
    output: {
      assetPrefix: 'auto',
      filenameHash: true,
      legalComments: 'none',
      ...(externalRuntime && { externals: federationRuntimeExternals() }),
    },
    performance: { chunkSplit: { strategy: 'all-in-one' } },
    server: {
      port,
      host: '127.0.0.1',
      cors: { origin: [loopbackOrigin, ...portalOrigins] },
      printUrls: true,
    },
    dev: {
      // Hot updates through the kit's boundary (the portal re-mounts the plugin); an update that can't be
      // applied falls back to reloading the portal page, which keeps its ?dev= override.
      hmr: true,
      liveReload: true,
      // Chunks come from the dev server, whatever page (the portal) loaded the entry.
      assetPrefix: true,
      client: { host: '127.0.0.1', port: '<port>', protocol: 'ws' },
      lazyCompilation: false,
    },
  };
  return options.rsbuild ? mergeRsbuildConfig(preset, options.rsbuild) : preset;
}
