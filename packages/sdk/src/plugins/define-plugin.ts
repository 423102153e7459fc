import type { $ZodType } from 'zod/v4/core';
import type { ExtensionPoint } from './extension-point.ts';
import type { Extension } from './extensions.ts';

/** The SDK's own version, which plugins' `sdk` ranges are checked against (kept equal to package.json). */
export const sdkVersion = '1.0.0';

/** What a plugin declares; the default export of its `./plugin` module. */
export interface PluginDefinition {
  /** Marks the object and its format, so the shell can tell what arrived (see {@link checkPluginDefinition}). */
  readonly kind: 'porthole.plugin';
  readonly apiVersion: 1;
  /** Lower-case DNS label, equal to the plugin's name in the registry. */
  name: string;
  version: string;
  /** The semver range of `@porthole/sdk` the plugin was built for, e.g. `^0.1.0`. */
  sdk: string;
  extensions: readonly Extension[];
  /** Extension points this plugin declares for others to fill. */
  extensionPoints: readonly ExtensionPoint<string, unknown>[];
  /** The plugin's settings schema (zod), when it has settings; see {@link PluginSpec.config}. */
  config?: $ZodType;
}

/** What {@link definePlugin} takes. */
export interface PluginSpec {
  name: string;
  version: string;
  sdk: string;
  extensions: readonly Extension[];
  extensionPoints?: readonly ExtensionPoint<string, unknown>[];
  /**
   * The plugin's settings, as a zod schema (`zod/mini` in browser code): the kit's build writes it into
   * the plugin's metadata as JSON Schema, the backend validates each bundle's values (`config:` in the
   * registry file) against it, and components read them with `usePluginConfig(schema)`. Give defaults
   * with `z._default(...)`; a plugin with settings should work with none given.
   */
  config?: $ZodType;
}

/**
 * Declares a plugin: its name, version, the SDK range it needs and its extensions. Extensions reference
 * their code lazily, so the shell can read every manifest without loading any page.
 *
 * @example
 * export default definePlugin({
 *   name: 'cronjobs', version: '1.0.0', sdk: '^1.0.0',
 *   extensions: [{ type: 'route', path: 'cronjobs', title: 'CronJobs', nav: { section: 'Workloads' },
 *     component: () => import('./pages/CronJobsPage.tsx') }],
 * });
 */
export function definePlugin(spec: PluginSpec): PluginDefinition {
  return {
    kind: 'porthole.plugin',
    apiVersion: 1,
    name: spec.name,
    version: spec.version,
    sdk: spec.sdk,
    extensions: spec.extensions,
    extensionPoints: spec.extensionPoints ?? [],
    ...(spec.config === undefined ? {} : { config: spec.config }),
  };
}

/** What {@link checkPluginDefinition} concluded. */
export type PluginDefinitionCheck = { ok: true; plugin: PluginDefinition } | { ok: false; reason: string };

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object')
    return `an object with keys ${Object.keys(value).slice(0, 8).join(', ') || '(none)'}`;
  return `a ${typeof value}`;
}

/**
 * Checks a module's default export on entry to the shell; the reason names what arrived instead.
 *
 * @example
 * const check = checkPluginDefinition(module.default);
 * if (!check.ok) showErrorCard(check.reason);
 */
export function checkPluginDefinition(value: unknown): PluginDefinitionCheck {
  const candidate = value as Partial<PluginDefinition> | null;
  if (typeof value !== 'object' || candidate === null || candidate.kind !== 'porthole.plugin') {
    return {
      ok: false,
      reason: `the module's default export is not a definePlugin() result: it is ${describe(value)}`,
    };
  }
  if (candidate.apiVersion !== 1) {
    return {
      ok: false,
      reason: `the plugin uses definePlugin format ${String(candidate.apiVersion)}; this shell reads format 1`,
    };
  }
  for (const field of ['name', 'version', 'sdk'] as const) {
    if (typeof candidate[field] !== 'string' || candidate[field] === '') {
      return { ok: false, reason: `the plugin definition has no ${field}` };
    }
  }
  if (!Array.isArray(candidate.extensions))
    return { ok: false, reason: 'the plugin definition has no extensions list' };
  const bad = candidate.extensions.findIndex(
    (e: unknown) => typeof e !== 'object' || e === null || typeof (e as { type?: unknown }).type !== 'string',
  );
  if (bad >= 0) return { ok: false, reason: `extension ${bad} has no type` };
  const config: unknown = candidate.config;
  if (config !== undefined && (typeof config !== 'object' || config === null || !('_zod' in config)))
    return {
      ok: false,
      reason: `the plugin definition's config is not a zod schema: it is ${describe(config)}`,
    };
  return { ok: true, plugin: candidate as PluginDefinition };
}
