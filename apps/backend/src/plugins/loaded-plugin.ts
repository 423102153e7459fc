import {
  describeIssues,
  type PluginManifest,
  type PluginMetadata,
  pluginMetadataFile,
  pluginMetadataSchema,
} from '@porthole/protocol';
import type { ConfigSchemaJson } from './config-checker.ts';
import { compileConfigSchema } from './config-schema.ts';
import { etagOf, integrityOf } from './integrity.ts';
import type { PluginSource } from './registry-file.ts';

/** A file held in memory exactly as it was hashed, so what is served always matches the manifest. */
export interface HeldFile {
  bytes: Uint8Array;
  etag: string;
}

/** Where a plugin's files come from: a registered source, or a dev server for one browser. */
export type LoadedPluginSource = PluginSource | { kind: 'dev'; url: string };

/** One plugin as the registry last read it. */
export interface LoadedPlugin {
  name: string;
  source: LoadedPluginSource;
  /** What `GET /api/plugins` says about it. */
  manifest: PluginManifest;
  /** The metadata and entry files, keyed by their path in the build output. */
  held: ReadonlyMap<string, HeldFile>;
  /** The entry's path in the build output, once the metadata named it. */
  entryFile?: string | undefined;
  /**
   * The plugin's settings schema (its metadata's `config`), when it declares one that compiles; settings
   * are checked against it by the `ConfigChecker`.
   */
  configSchema?: ConfigSchemaJson;
}

/** Reads one file of a plugin's build output; rejects with an Error that says why in words. */
export type ReadPluginFile = (file: string) => Promise<Uint8Array>;

/** Options of {@link loadPlugin}. */
export interface LoadPluginOptions {
  /** The name the registry gives the plugin. */
  name: string;
  source: LoadedPluginSource;
  read: ReadPluginFile;
  /** The URL the browser loads the entry from, given its path in the build output. */
  entryUrl: (entryFile: string) => string;
}

/** What a failed plugin's manifest still tells, when its metadata was read. */
interface KnownFields {
  version?: string;
  sdk?: string;
  remoteName?: string;
  entry?: string;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function parseMetadata(name: string, bytes: Uint8Array): PluginMetadata | string {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (err) {
    return `${pluginMetadataFile} is not JSON: ${messageOf(err)}`;
  }
  const parsed = pluginMetadataSchema.safeParse(json);
  if (!parsed.success) return `${pluginMetadataFile} is invalid: ${describeIssues(parsed.error.issues)}`;
  if (parsed.data.name !== name)
    return `${pluginMetadataFile} names the plugin "${parsed.data.name}", but the registry calls it "${name}"`;
  return parsed.data;
}

/**
 * Reads a plugin's `porthole-plugin.json`, checks it, reads the entry it names and computes the entry's
 * integrity. Never rejects: a plugin that can't be offered comes back with `status: 'error'` and the
 * reason (plus what is known of it), so one broken plugin never spoils a bundle.
 *
 * @example
 * const plugin = await loadPlugin({ name: 'cronjobs', source, read: (f) => readFile(join(dir, f)),
 *   entryUrl: (f) => `/plugins/cronjobs/${f}` });
 * plugin.manifest.status; // 'ok' | 'error'
 */
export async function loadPlugin(options: LoadPluginOptions): Promise<LoadedPlugin> {
  const { name, source, read } = options;
  const dev = source.kind === 'dev' ? ({ dev: true } as const) : {};
  const failed = (error: string, known: KnownFields = {}): LoadedPlugin => ({
    name,
    source,
    held: new Map(),
    manifest: { ...known, ...dev, status: 'error', name, error },
  });
  let metadataBytes: Uint8Array;
  try {
    metadataBytes = await read(pluginMetadataFile);
  } catch (err) {
    return failed(messageOf(err));
  }
  const metadata = parseMetadata(name, metadataBytes);
  if (typeof metadata === 'string') return failed(metadata);
  const { version, sdk, remoteName } = metadata;
  const entry = options.entryUrl(metadata.entry);
  const configSchema = metadata.config;
  const compiled = configSchema === undefined ? undefined : compileConfigSchema(configSchema);
  if (typeof compiled === 'string')
    return failed(`${pluginMetadataFile} has a config schema the backend cannot use: ${compiled}`, {
      version,
      sdk,
      remoteName,
      entry,
    });
  let entryBytes: Uint8Array;
  try {
    entryBytes = await read(metadata.entry);
  } catch (err) {
    return { ...failed(messageOf(err), { version, sdk, remoteName, entry }), entryFile: metadata.entry };
  }
  const held = new Map<string, HeldFile>([
    [pluginMetadataFile, { bytes: metadataBytes, etag: etagOf(metadataBytes) }],
    [metadata.entry, { bytes: entryBytes, etag: etagOf(entryBytes) }],
  ]);
  const integrity = source.kind === 'dev' ? {} : { integrity: integrityOf(entryBytes) };
  return {
    name,
    source,
    held,
    entryFile: metadata.entry,
    ...(configSchema === undefined ? {} : { configSchema }),
    manifest: {
      status: 'ok',
      name,
      version,
      sdk,
      remoteName,
      entry,
      contributes: metadata.contributes,
      ...integrity,
      ...dev,
    },
  };
}
