import {
  fieldPath,
  jsonDepth,
  maxPluginConfigBytes,
  maxPluginConfigDepth,
  type PluginManifest,
  type StatusCause,
} from '@porthole/protocol';
import { z } from 'zod';
import { type CompiledConfigSchema, type ConfigParse, parseConfig } from './config-schema.ts';

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

/** What {@link validatePluginConfig} concluded. */
export type PluginConfigCheck =
  | { ok: true; config: Record<string, unknown> }
  | { ok: false; causes: Required<Pick<StatusCause, 'field' | 'message'>>[] };

/**
 * Checks a plugin's merged settings against its compiled schema, in this thread; the result has the
 * defaults filled in, or each problem naming its field (`greeting`, `links[0].url`). A schema from a
 * plugin is checked in the config check worker instead (`createConfigChecker`): its patterns
 * could backtrack without end.
 *
 * @example
 * validatePluginConfig(compiled, { greeting: 7 });
 * // { ok: false, causes: [{ field: 'greeting', message: 'Invalid input: expected string, received number' }] }
 */
export function validatePluginConfig(
  schema: CompiledConfigSchema,
  values: PluginConfigValues | undefined,
): PluginConfigCheck {
  return configCheckOf(parseConfig(schema, values));
}

/**
 * What a {@link ConfigParse} (from `parseConfig`, in this thread or the config check worker) means for
 * a person: the settings, or each problem naming its field; a setting the schema does not know is
 * named as such.
 *
 * @example
 * configCheckOf({ ok: false, issues: [{ path: ['links', 0, 'url'], message: 'Required' }] });
 * // { ok: false, causes: [{ field: 'links[0].url', message: 'Required' }] }
 */
export function configCheckOf(parse: ConfigParse): PluginConfigCheck {
  if (parse.ok) return parse;
  return {
    ok: false,
    causes: parse.issues.flatMap((issue) =>
      issue.unknownKeys
        ? issue.unknownKeys.map((key) => ({
            field: fieldPath([...issue.path, key]),
            message: 'unknown setting',
          }))
        : [{ field: fieldPath(issue.path), message: issue.message }],
    ),
  };
}

/** The check of settings given to a plugin that declares none (a typo in the file's plugin name, say). */
export const settingsWithoutSchema: PluginConfigCheck = {
  ok: false,
  causes: [{ field: 'config', message: 'the plugin declares no settings (no config schema)' }],
};

/**
 * The manifest a bundle serves for a plugin with settings: with `config` (validated, defaults filled),
 * or `status: 'error'` naming each bad field, so the shell shows the plugin's error card and loads the
 * others. `check` is `undefined` for a plugin with neither a schema nor settings: served as it is.
 *
 * @example
 * configuredManifest(manifest, await checker.check(schema, { greeting: 7 }), 'payments');
 * // { status: 'error', error: 'its config in bundle "payments" is invalid: greeting: Invalid input: ...', configErrors: [...] }
 */
export function configuredManifest(
  manifest: PluginManifest,
  check: PluginConfigCheck | undefined,
  bundle: string,
): PluginManifest {
  if (manifest.status !== 'ok' || check === undefined) return manifest;
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
