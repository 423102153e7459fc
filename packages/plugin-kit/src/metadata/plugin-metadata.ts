import { type PluginMetadata, pluginMetadataSchema } from '@porthole/protocol';
import { remoteNameOf } from '../build/remote-name.ts';
import type { PluginReadResult } from './read-plugin-definition.ts';

/** The remote entry's file name in every plugin's build output (not content-hashed: the registry hashes it). */
export const remoteEntryFile = 'remoteEntry.js';

/** What {@link pluginMetadataOf} concluded. */
export type PluginMetadataResult = { ok: true; metadata: PluginMetadata } | { ok: false; reason: string };

/**
 * The `porthole-plugin.json` of plugin `name` from its read definition, validated with the protocol's
 * `pluginMetadataSchema`; a definition whose name differs from the build's, or that the schema refuses,
 * gives a reason naming each field.
 *
 * @example
 * const result = pluginMetadataOf('hello', await readPluginDefinition(root, file));
 * if (result.ok) writeFileSync('dist/porthole-plugin.json', JSON.stringify(result.metadata));
 */
export function pluginMetadataOf(name: string, read: PluginReadResult): PluginMetadataResult {
  if (!read.ok) return read;
  if (read.name !== name) {
    return {
      ok: false,
      reason:
        `src/plugin.ts names the plugin "${read.name}" but rsbuild.config.ts builds "${name}": ` +
        "use one name in both (it is the plugin's key in the registry and its URL /plugins/NAME/)",
    };
  }
  const parsed = pluginMetadataSchema.safeParse({
    schemaVersion: 1,
    name,
    version: read.version,
    sdk: read.sdk,
    remoteName: remoteNameOf(name),
    entry: remoteEntryFile,
    contributes: read.contributes,
    ...(read.config === undefined ? {} : { config: read.config }),
  });
  if (!parsed.success) {
    const causes = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    return { ok: false, reason: `the plugin's metadata is invalid:\n  ${causes.join('\n  ')}` };
  }
  return { ok: true, metadata: parsed.data };
}
