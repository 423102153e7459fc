// Run by readPluginDefinition in a child process (a fresh module cache each time): imports a plugin's
// src/plugin.ts with Node's own TypeScript support, checks its default export with the SDK the plugin
// resolves, and sends back the summary. plugin.ts holds only lazy import()s, so no page runs here.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { configJsonSchemaOf } from './config-json-schema.ts';
import { type PluginDefinitionLike, summarisePlugin } from './plugin-contributions.ts';
import type { PluginReadResult } from './read-plugin-definition.ts';

type Check = { ok: true; plugin: PluginDefinitionLike } | { ok: false; reason: string };
type SdkModule = { checkPluginDefinition(value: unknown): Check };

async function read(root: string, file: string): Promise<PluginReadResult> {
  let sdk: SdkModule;
  try {
    const entry = createRequire(join(root, 'package.json')).resolve('@porthole/sdk');
    sdk = (await import(pathToFileURL(entry).href)) as SdkModule;
  } catch (err) {
    return { ok: false, reason: `@porthole/sdk cannot be loaded from ${root}: ${String(err)}` };
  }
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      reason:
        `importing ${file} in Node failed: ${message}\n` +
        "  plugin.ts must import its pages lazily (component: () => import('./pages/Page.tsx')) and use explicit " +
        '.ts extensions for the modules it imports directly (Node runs it to read the definition).',
    };
  }
  const check = sdk.checkPluginDefinition(module.default);
  if (!check.ok) return { ok: false, reason: `${file}: ${check.reason}` };
  const summary = summarisePlugin(check.plugin);
  if (!summary.ok) return { ok: false, reason: `${file}:\n  ${summary.problems.join('\n  ')}` };
  const { name, version, sdk: range, config } = check.plugin;
  if (config === undefined) return { ok: true, name, version, sdk: range, contributes: summary.contributes };
  const schema = configJsonSchemaOf(config);
  if (!schema.ok) return { ok: false, reason: `${file}: ${schema.reason}` };
  return { ok: true, name, version, sdk: range, contributes: summary.contributes, config: schema.schema };
}

const [root, file] = process.argv.slice(2);
if (!root || !file || !process.send) {
  console.error('usage: forked by readPluginDefinition with ROOT FILE');
  process.exit(2);
}
const result = await read(root, file);
process.send(result, () => process.exit(0));
