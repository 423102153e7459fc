import {
  fieldPath,
  jsonDepth,
  maxPluginConfigBytes,
  maxPluginConfigDepth,
  type PluginManifest,
  type StatusCause,
} from '@porthole/protocol';
import { z } from 'zod';

/** A plugin's settings as the registry file gives them (`config:`): a JSON object. */
export type PluginConfigValues = Readonly<Record<string, unknown>>;

/** Keys that would reach an object's prototype if anything merged the values naively. */
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** The dotted path of the first forbidden key in `value`, if any. */
function forbiddenKeyPath(value: unknown, path: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const key of Object.keys(value)) {
    const here = Array.isArray(value) ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
    if (!Array.isArray(value) && forbiddenKeys.has(key)) return here;
    const inner = forbiddenKeyPath((value as Record<string, unknown>)[key], here);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

function sizeOf(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/**
 * `config:` in the registry file (under a plugin, or a plugin's entry in a bundle): a mapping, at most
 * 64 KiB of JSON and 32 levels deep, without `__proto__` / `constructor` / `prototype` keys.
 */
export const pluginConfigValuesSchema = z
  .unknown()
  // On the raw value, before zod copies it: a copy would turn a `__proto__` key into a prototype.
  .superRefine((values, ctx) => {
    if (typeof values !== 'object' || values === null) return;
    const depth = jsonDepth(values);
    if (depth > maxPluginConfigDepth)
      ctx.addIssue({ code: 'custom', message: `nests deeper than ${maxPluginConfigDepth} levels` });
    else if (sizeOf(values) > maxPluginConfigBytes)
      ctx.addIssue({ code: 'custom', message: `is larger than ${maxPluginConfigBytes} bytes as JSON` });
    const bad = forbiddenKeyPath(values, '');
    if (bad !== undefined)
      ctx.addIssue({ code: 'custom', path: bad.split('.'), message: 'this key is not allowed in config' });
  })
  .pipe(z.record(z.string(), z.unknown()));

/**
 * A plugin's settings in a bundle: the plugin's own values (`plugins.NAME.config`) with the bundle's
 * (`bundles.B: [{ plugin: NAME, config }]`) over them, field by field at the top level: a field the
 * bundle gives replaces the plugin's whole field; the schema's defaults fill what neither gives.
 *
 * @example
 * mergePluginConfig({ greeting: 'Hi', links: [a] }, { greeting: 'Hello payments' });
 * // { greeting: 'Hello payments', links: [a] }
 */
export function mergePluginConfig(
  plugin: PluginConfigValues | undefined,
  bundle: PluginConfigValues | undefined,
): PluginConfigValues | undefined {
  if (plugin === undefined && bundle === undefined) return undefined;
  // Own keys only, onto a null-prototype object: no key can reach a prototype.
  const merged: Record<string, unknown> = Object.create(null);
  for (const source of [plugin, bundle])
    for (const [key, value] of Object.entries(source ?? {})) merged[key] = value;
  return { ...merged };
}

/** A plugin's compiled settings schema; see {@link compileConfigSchema}. */
export type CompiledConfigSchema = z.ZodType;

/** A `$defs` entry that is only a `$ref` chain back to itself: it can never check anything. */
function refLoop(schema: Readonly<Record<string, unknown>>): string | undefined {
  const defs = schema.$defs;
  if (typeof defs !== 'object' || defs === null) return undefined;
  const table = defs as Record<string, unknown>;
  const refOf = (node: unknown) => {
    const ref = (node as { $ref?: unknown } | null)?.$ref;
    return typeof ref === 'string' && ref.startsWith('#/$defs/') ? ref.slice('#/$defs/'.length) : undefined;
  };
  for (const start of Object.keys(table)) {
    const seen = new Set<string>();
    for (let name: string | undefined = start; name !== undefined; name = refOf(table[name])) {
      if (seen.has(name)) return `$defs.${start} refers to itself without end`;
      seen.add(name);
      if (!Object.hasOwn(table, name)) break;
    }
  }
  return undefined;
}

/**
 * Compiles the JSON Schema a plugin's metadata carries (written by the kit from its zod schema) into a
 * validator, with zod's `fromJSONSchema` (no code generation). A schema that is not an object schema,
 * refers outside itself, recurses without end or can't be read gives the reason instead; nothing thrown
 * escapes.
 *
 * @example
 * const compiled = compileConfigSchema(metadata.config);
 * if (typeof compiled === 'string') fail(`config schema: ${compiled}`);
 */
export function compileConfigSchema(
  schema: Readonly<Record<string, unknown>>,
): CompiledConfigSchema | string {
  if (schema.type !== 'object') return 'must be an object schema ("type": "object")';
  const loop = refLoop(schema);
  if (loop !== undefined) return loop;
  try {
    return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (err) {
    const message = err instanceof RangeError ? 'it refers to itself without end' : (err as Error).message;
    return `cannot be read as JSON Schema: ${String(message).split('\n')[0]}`;
  }
}

/** What {@link validatePluginConfig} concluded. */
export type PluginConfigCheck =
  | { ok: true; config: Record<string, unknown> }
  | { ok: false; causes: Required<Pick<StatusCause, 'field' | 'message'>>[] };

/**
 * Checks a plugin's merged settings against its compiled schema; the result has the defaults filled in,
 * or each problem naming its field (`greeting`, `links[0].url`).
 *
 * @example
 * validatePluginConfig(compiled, { greeting: 7 });
 * // { ok: false, causes: [{ field: 'greeting', message: 'Invalid input: expected string, received number' }] }
 */
export function validatePluginConfig(
  schema: CompiledConfigSchema,
  values: PluginConfigValues | undefined,
): PluginConfigCheck {
  let parsed: ReturnType<typeof schema.safeParse>;
  try {
    parsed = schema.safeParse(values ?? {});
  } catch (err) {
    return {
      ok: false,
      causes: [{ field: '', message: `the schema could not check it: ${(err as Error).message}` }],
    };
  }
  if (parsed.success) return { ok: true, config: parsed.data as Record<string, unknown> };
  return {
    ok: false,
    causes: parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ field: fieldPath([...issue.path, key]), message: 'unknown setting' }))
        : [{ field: fieldPath(issue.path), message: issue.message }],
    ),
  };
}

/**
 * The manifest a bundle serves for a plugin with settings: with `config` (validated, defaults filled),
 * or `status: 'error'` naming each bad field, so the shell shows the plugin's error card and loads the
 * others. A plugin without a schema that is given settings is an error too (a typo in the file's
 * plugin name should not pass silently).
 *
 * @example
 * configuredManifest(manifest, compiled, { greeting: 7 }, 'payments');
 * // { status: 'error', error: 'its config in bundle "payments" is invalid: greeting: Invalid input: ...', configErrors: [...] }
 */
export function configuredManifest(
  manifest: PluginManifest,
  schema: CompiledConfigSchema | undefined,
  values: PluginConfigValues | undefined,
  bundle: string,
): PluginManifest {
  if (manifest.status !== 'ok' || (schema === undefined && values === undefined)) return manifest;
  const check: PluginConfigCheck =
    schema === undefined
      ? {
          ok: false,
          causes: [{ field: 'config', message: 'the plugin declares no settings (no config schema)' }],
        }
      : validatePluginConfig(schema, values);
  if (check.ok) return { ...manifest, config: check.config };
  const { name, version, sdk, remoteName, entry, dev } = manifest;
  const list = check.causes.map((c) => `${c.field || '(root)'}: ${c.message}`).join('; ');
  return {
    status: 'error',
    name,
    version,
    sdk,
    remoteName,
    entry,
    ...(dev ? { dev } : {}),
    error: `its config in bundle "${bundle}" is invalid: ${list}`,
    configErrors: check.causes,
  };
}
