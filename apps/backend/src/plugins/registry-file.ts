import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fieldPath, pluginNameSchema, type StatusCause, StatusError, sriSchema } from '@porthole/protocol';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { type PluginConfigValues, pluginConfigValuesSchema } from './plugin-config.ts';

/** Where a registered plugin's files come from. */
export type PluginSource =
  /** A folder holding the plugin's build output; `path` as the registry file writes it, `dir` resolved. */
  (
    | { kind: 'folder'; path: string; dir: string }
    /** A plugin server; `url` always ends with `/`. */
    | { kind: 'server'; url: string }
  ) & {
    /**
     * The entry's integrity as the operator pinned it (`integrity:` in the registry file). When set, the
     * manifest advertises it instead of the hash of the bytes served, so an entry changed after pinning
     * is refused by the browser's SRI check.
     */
    integrity?: string;
  };

/** A registry file, validated: every name it refers to exists. */
export interface PluginRegistryConfig {
  /** Plugin name -> source, in the file's order. */
  plugins: ReadonlyMap<string, PluginSource>;
  /** Bundle name -> plugin names; `default` always exists (empty unless the file lists it). */
  bundles: ReadonlyMap<string, readonly string[]>;
  /** Auth group -> bundle, for deployments behind an authenticating proxy. */
  groupBundles: ReadonlyMap<string, string>;
  /** Plugin name -> its settings for every bundle (`plugins.NAME.config`). */
  pluginConfig: ReadonlyMap<string, PluginConfigValues>;
  /** Bundle name -> plugin name -> the bundle's settings for it (`bundles.B: [{ plugin, config }]`). */
  bundleConfig: ReadonlyMap<string, ReadonlyMap<string, PluginConfigValues>>;
}

/** The outcome of {@link parseRegistryFile}: a config, or a 422 Status whose causes name the fields. */
export type ParseRegistryFileResult =
  | { ok: true; config: PluginRegistryConfig }
  | { ok: false; error: StatusError };

/** An empty registry: the `default` bundle and nothing in it. */
export const emptyRegistryConfig: PluginRegistryConfig = {
  plugins: new Map(),
  bundles: new Map([['default', []]]),
  groupBundles: new Map(),
  pluginConfig: new Map(),
  bundleConfig: new Map(),
};

const pluginSourceSchema = z
  .strictObject({
    path: z.string().min(1, 'must not be empty').optional(),
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .refine((u) => !new URL(u).search && !new URL(u).hash, 'must not have a query or fragment')
      .optional(),
    integrity: z.optional(sriSchema),
    /** The plugin's settings in every bundle; a bundle's own `config` overrides them field by field. */
    config: pluginConfigValuesSchema.optional(),
  })
  .superRefine((source, ctx) => {
    if (source.path === undefined && source.url === undefined)
      ctx.addIssue({ code: 'custom', message: 'needs either "path" (a folder) or "url" (a plugin server)' });
    if (source.path !== undefined && source.url !== undefined)
      ctx.addIssue({ code: 'custom', message: 'has both "path" and "url"; give one' });
  });

/** A bundle's entry: a plugin's name, or `{ plugin: NAME, config: {...} }` to give it this bundle's settings. */
const bundleEntrySchema = z.union([
  pluginNameSchema,
  z.strictObject({ plugin: pluginNameSchema, config: pluginConfigValuesSchema.optional() }),
]);

const registryFileSchema = z.strictObject({
  plugins: z.record(pluginNameSchema, pluginSourceSchema).nullish(),
  bundles: z.record(pluginNameSchema, z.array(bundleEntrySchema).nullable()).nullish(),
  groupBundles: z.record(z.string().min(1), pluginNameSchema).nullish(),
});
type RegistryFile = z.infer<typeof registryFileSchema>;
type BundleEntry = z.infer<typeof bundleEntrySchema>;

const nameOf = (entry: BundleEntry): string => (typeof entry === 'string' ? entry : entry.plugin);

/** One zod issue as Status causes: an unknown key names itself, a bad name says what a name must be. */
function causesOfIssue(issue: z.core.$ZodIssue): StatusCause[] {
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((key) => ({ field: fieldPath([...issue.path, key]), message: 'unknown field' }));
  if (issue.code === 'invalid_key') {
    const why = issue.issues[0]?.message ?? issue.message;
    return [{ field: fieldPath(issue.path), message: `invalid name: ${why}` }];
  }
  return [{ field: fieldPath(issue.path), message: issue.message }];
}

function invalid(file: string, causes: StatusCause[]): StatusError {
  return StatusError.invalid({ resource: 'PluginRegistry' }, file, causes);
}

/** Bundles naming undefined plugins (or one twice), and group mappings to undefined bundles. */
function crossReferenceCauses(value: RegistryFile): StatusCause[] {
  const causes: StatusCause[] = [];
  const plugins = value.plugins ?? {};
  const bundles = value.bundles ?? {};
  for (const [bundle, names] of Object.entries(bundles)) {
    const seen = new Set<string>();
    for (const [i, name] of (names ?? []).map(nameOf).entries()) {
      const field = `bundles.${bundle}[${i}]`;
      if (!Object.hasOwn(plugins, name))
        causes.push({ field, message: `plugin "${name}" is not defined under plugins` });
      else if (seen.has(name)) causes.push({ field, message: `plugin "${name}" is listed twice` });
      seen.add(name);
    }
  }
  for (const [group, bundle] of Object.entries(value.groupBundles ?? {})) {
    if (bundle !== 'default' && !Object.hasOwn(bundles, bundle))
      causes.push({
        field: `groupBundles.${group}`,
        message: `bundle "${bundle}" is not defined under bundles`,
      });
  }
  return causes;
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (message.split('\n')[0] ?? message).replace(/:$/, '');
}

function readYaml(file: string, text: string): { value: unknown } | { error: StatusError } {
  if (text.trim() === '') return { error: invalid(file, [{ message: 'the file is empty' }]) };
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    const [problem] = doc.errors;
    if (problem) return { error: invalid(file, [{ message: `not valid YAML: ${firstLine(problem)}` }]) };
  }
  if (list.length !== 1)
    return { error: invalid(file, [{ message: `holds ${list.length} YAML documents, expected one` }]) };
  return { value: list[0]?.toJS() as unknown };
}

function toConfig(file: string, value: RegistryFile): PluginRegistryConfig {
  const plugins = new Map<string, PluginSource>();
  for (const [name, source] of Object.entries(value.plugins ?? {})) {
    const pin = source.integrity === undefined ? {} : { integrity: source.integrity };
    if (source.path !== undefined)
      plugins.set(name, {
        kind: 'folder',
        path: source.path,
        dir: resolve(dirname(file), source.path),
        ...pin,
      });
    else if (source.url !== undefined)
      plugins.set(name, {
        kind: 'server',
        url: source.url.endsWith('/') ? source.url : `${source.url}/`,
        ...pin,
      });
  }
  const bundles = new Map<string, string[]>([['default', []]]);
  const bundleConfig = new Map<string, Map<string, PluginConfigValues>>();
  for (const [bundle, entries] of Object.entries(value.bundles ?? {})) {
    bundles.set(bundle, (entries ?? []).map(nameOf));
    const given = (entries ?? []).flatMap((e) =>
      typeof e !== 'string' && e.config !== undefined ? [[e.plugin, e.config] as const] : [],
    );
    if (given.length > 0) bundleConfig.set(bundle, new Map(given));
  }
  const pluginConfig = new Map(
    Object.entries(value.plugins ?? {}).flatMap(([name, source]) =>
      source.config === undefined ? [] : [[name, source.config] as const],
    ),
  );
  return {
    plugins,
    bundles,
    groupBundles: new Map(Object.entries(value.groupBundles ?? {})),
    pluginConfig,
    bundleConfig,
  };
}

/**
 * Validates registry file text. Every problem is one cause whose `field` names where it is
 * (`plugins.billing.url`, `bundles.payments[1]`); relative `path`s resolve against the file's folder.
 *
 * @example
 * const result = parseRegistryFile('/etc/porthole/plugins.yaml', text);
 * if (!result.ok) console.error(result.error.message);
 */
export function parseRegistryFile(file: string, text: string): ParseRegistryFileResult {
  let document: { value: unknown } | { error: StatusError };
  try {
    document = readYaml(file, text);
  } catch (err) {
    return { ok: false, error: invalid(file, [{ message: `not valid YAML: ${firstLine(err)}` }]) };
  }
  if ('error' in document) return { ok: false, error: document.error };
  if (document.value === null || typeof document.value !== 'object' || Array.isArray(document.value))
    return {
      ok: false,
      error: invalid(file, [{ message: 'must be a YAML mapping with plugins and bundles' }]),
    };
  const parsed = registryFileSchema.safeParse(document.value);
  if (!parsed.success) {
    const causes = parsed.error.issues.flatMap(causesOfIssue);
    return { ok: false, error: invalid(file, causes) };
  }
  const causes = crossReferenceCauses(parsed.data);
  if (causes.length > 0) return { ok: false, error: invalid(file, causes) };
  return { ok: true, config: toConfig(file, parsed.data) };
}

/**
 * Reads and validates the registry file; a missing or unreadable file is a 422 Status too.
 *
 * @example
 * const result = await loadRegistryFile('/etc/porthole/plugins.yaml');
 */
export async function loadRegistryFile(file: string): Promise<ParseRegistryFileResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'the file does not exist' : code === 'EISDIR' ? 'it is a folder' : firstLine(err);
    return { ok: false, error: invalid(file, [{ message: why }]) };
  }
  return parseRegistryFile(file, text);
}
