import { writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pluginMetadataFile } from '@porthole/protocol';
import { logger, type RsbuildPlugin } from '@rsbuild/core';
import { type PluginMetadataResult, pluginMetadataOf } from '../metadata/plugin-metadata.ts';
import { readPluginDefinition } from '../metadata/read-plugin-definition.ts';

/** Options of {@link pluginPortholeMetadata}. */
export interface PortholeMetadataOptions {
  /** The plugin's name (its registry key); `src/plugin.ts` must say the same. */
  name: string;
  /** The module exposed as `./plugin`, relative to the plugin's root. */
  pluginModule: string;
  /** The portal a developer opens with the dev override (printed when the dev server starts). */
  portalOrigin: string;
}

/** Thrown by the build for a plugin whose definition or metadata is wrong; the message says what to fix. */
export class PluginDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PluginDefinitionError';
  }
}

function serveMetadata(latest: () => Promise<PluginMetadataResult>) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== `/${pluginMetadataFile}`) return next();
    void latest().then((result) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('Content-Type', result.ok ? 'application/json' : 'text/plain; charset=utf-8');
      res.statusCode = result.ok ? 200 : 500;
      res.end(result.ok ? JSON.stringify(result.metadata) : result.reason);
    });
  };
}

/**
 * The Rsbuild plugin that writes `porthole-plugin.json` after a build, from the plugin's definePlugin
 * export (imported in Node, see `readPluginDefinition`), and fails the build with the reason when the
 * definition is wrong. Under `rsbuild dev` it serves the file from the dev server, recomputed after each
 * compile, so a backend started with `--dev` can load the plugin from there.
 *
 * @example
 * export default defineConfig({ plugins: [pluginPortholeMetadata({ name: 'hello', pluginModule: './src/plugin.ts' })] });
 */
export function pluginPortholeMetadata(options: PortholeMetadataOptions): RsbuildPlugin {
  return {
    name: 'porthole:plugin-metadata',
    setup(api) {
      const root = api.context.rootPath;
      const compute = async () =>
        pluginMetadataOf(options.name, await readPluginDefinition(root, join(root, options.pluginModule)));
      api.onAfterBuild(async ({ stats }) => {
        if (stats?.hasErrors()) return;
        const result = await compute();
        if (!result.ok) throw new PluginDefinitionError(`plugin "${options.name}": ${result.reason}`);
        const file = join(api.context.distPath, pluginMetadataFile);
        await writeFile(file, `${JSON.stringify(result.metadata, null, 2)}\n`);
        logger.success(`porthole: wrote ${pluginMetadataFile} for plugin "${options.name}"`);
      });

      let latest: Promise<PluginMetadataResult> | undefined;
      api.onAfterDevCompile(async () => {
        latest = compute();
        const result = await latest;
        if (!result.ok) logger.error(`porthole: plugin "${options.name}": ${result.reason}`);
      });
      api.onAfterStartDevServer(({ port }) => {
        const url = `${options.portalOrigin}/?dev=${options.name}=http://127.0.0.1:${port}/`;
        logger.info(
          `porthole: open ${url} (a portal started with porthole serve --dev) to run this plugin there`,
        );
      });
      api.modifyRsbuildConfig((config, { mergeRsbuildConfig }) =>
        mergeRsbuildConfig(config, {
          server: {
            setup: (context) => {
              if (context.action === 'dev')
                context.server.middlewares.use(serveMetadata(() => (latest ??= compute())));
            },
          },
        }),
      );
    },
  };
}
