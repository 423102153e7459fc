import { z } from 'zod/mini';
import { statusSchema } from './status.ts';

/**
 * The file a plugin's build writes next to its Module Federation remote entry, and the backend reads to
 * learn what the plugin is. Served at `/plugins/{name}/porthole-plugin.json`.
 */
export const pluginMetadataFile = 'porthole-plugin.json';

/**
 * A plugin or bundle name: a lowercase DNS label (`cronjobs`, `team-billing`), since it is a URL
 * segment (`/plugins/{name}/`) and a key in the registry file.
 */
export const pluginNameSchema = z
  .string()
  .check(z.regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'must be a lowercase DNS label such as "cronjobs"'));

/** A semantic version (`1.2.3`, `1.0.0-beta.1`). */
export const semverSchema = z
  .string()
  .check(
    z.regex(
      /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/,
      'must be a semantic version such as "1.2.3"',
    ),
  );

/**
 * A Subresource Integrity value with one SHA-384 digest, as a `<script integrity>` attribute takes it.
 *
 * @example
 * sriSchema.parse('sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC');
 */
export const sriSchema = z
  .string()
  .check(z.regex(/^sha384-[A-Za-z0-9+/]{64}$/, 'must be "sha384-" followed by a base64 SHA-384 digest'));

/** A path inside the plugin's build output: relative, no `..`, no scheme, no backslash. */
const nonEmpty = z.string().check(z.minLength(1));

const relativeFileSchema = z.string().check(
  z.minLength(1),
  z.refine(
    (p) => !p.startsWith('/') && !p.includes('\\') && !p.includes('://') && !/(^|\/)\.\.?(\/|$)/.test(p),
    'must be a relative path inside the build output, such as "remoteEntry.js"',
  ),
);

const resourceMatcherSchema = z.object({ group: z.string(), kind: nonEmpty });

/**
 * What a plugin contributes, written into its metadata by the plugin kit's build (from its definePlugin
 * export) so the shell can build navigation and know which plugin fills which slot without loading any
 * plugin code. The plugin's code stays the source of truth once loaded.
 *
 * @example
 * const c: PluginContributions = { routes: [{ path: 'cronjobs', title: 'CronJobs', nav: { section: 'Workloads' } }],
 *   resourceActions: [], resourceListActions: [], resourceTabs: [], extensionPoints: [], pointExtensions: [] };
 */
export const pluginContributionsSchema = z.object({
  routes: z._default(
    z.array(
      z.object({
        path: nonEmpty,
        title: nonEmpty,
        nav: z.optional(
          z.object({ section: nonEmpty, icon: z.optional(z.string()), order: z.optional(z.number()) }),
        ),
      }),
    ),
    [],
  ),
  resourceActions: z._default(
    z.array(z.object({ match: z.array(resourceMatcherSchema), label: z.string() })),
    [],
  ),
  /** Buttons in the toolbar of a kind's list page (`resource.listAction`). */
  resourceListActions: z._default(
    z.array(z.object({ match: z.array(resourceMatcherSchema), label: z.string() })),
    [],
  ),
  resourceTabs: z._default(
    z.array(z.object({ match: z.array(resourceMatcherSchema), title: z.string() })),
    [],
  ),
  /** Ids of extension points the plugin declares. */
  extensionPoints: z._default(z.array(z.string()), []),
  /** Ids of other plugins' extension points the plugin contributes to. */
  pointExtensions: z._default(z.array(z.string()), []),
});
export type PluginContributions = z.infer<typeof pluginContributionsSchema>;

/** The largest config schema (JSON text) a plugin's metadata may carry, and the largest config values. */
export const maxPluginConfigBytes = 64 * 1024;
/** How deeply a config schema or config values may nest (objects and arrays). */
export const maxPluginConfigDepth = 32;

/**
 * The depth of nested objects and arrays in `value` (a scalar is 0). It stops descending once past
 * `limit`, so a hostile value nested a million levels deep costs `limit` steps, not a stack overflow.
 *
 * @example
 * jsonDepth({ a: [{ b: 1 }] }); // 3
 */
export function jsonDepth(value: unknown, limit = maxPluginConfigDepth): number {
  const walk = (node: unknown, depth: number): number => {
    if (typeof node !== 'object' || node === null) return depth;
    if (depth > limit) return depth + 1;
    let deepest = depth + 1;
    for (const child of Object.values(node)) {
      deepest = Math.max(deepest, walk(child, depth + 1));
      if (deepest > limit) break;
    }
    return deepest;
  };
  return walk(value, 0);
}

/**
 * A plugin's settings schema as its metadata carries it: the JSON Schema the plugin kit's build wrote
 * from the zod schema in `definePlugin({ config })` (`z.toJSONSchema`, input side). A JSON object,
 * bounded in size and depth; whether it is a schema the backend can use is checked where it is compiled.
 */
export const pluginConfigSchemaSchema = z.record(z.string(), z.unknown()).check(
  z.refine(
    (schema) => jsonDepth(schema) <= maxPluginConfigDepth,
    `must not nest deeper than ${maxPluginConfigDepth} levels`,
  ),
  z.refine(
    (schema) => new TextEncoder().encode(JSON.stringify(schema)).length <= maxPluginConfigBytes,
    `must be at most ${maxPluginConfigBytes} bytes of JSON`,
  ),
);

/** A plugin's validated settings as the manifest serves them: a JSON object. */
export const pluginConfigSchema = z.record(z.string(), z.unknown());
export type PluginConfig = z.infer<typeof pluginConfigSchema>;

const noContributions: PluginContributions = {
  routes: [],
  resourceActions: [],
  resourceListActions: [],
  resourceTabs: [],
  extensionPoints: [],
  pointExtensions: [],
};

/**
 * `porthole-plugin.json`: what a plugin's build says about itself. The plugin kit's build writes it next
 * to the remote entry; the backend reads it (from the folder, or from the plugin server) and never
 * trusts a name, version or SDK range from anywhere else.
 *
 * @example
 * const metadata: PluginMetadata = {
 *   schemaVersion: 1,
 *   name: 'cronjobs',
 *   version: '1.4.0',
 *   sdk: '^1.0.0',
 *   remoteName: 'porthole_cronjobs',
 *   entry: 'remoteEntry.js',
 * };
 */
export const pluginMetadataSchema = z.object({
  /** The format of this file; bumped on an incompatible change. */
  schemaVersion: z.literal(1),
  /** The plugin's name; must equal its key in the registry file. */
  name: pluginNameSchema,
  version: semverSchema,
  /** The semver range of `@porthole/sdk` the plugin was built against (`^0.1.0`). */
  sdk: nonEmpty,
  /** The Module Federation container name (`name` in the build's federation config; its global). */
  remoteName: z.string().check(z.regex(/^[A-Za-z_$][\w$]*$/, 'must be a JavaScript identifier')),
  /** The remote entry, relative to this file (`remoteEntry.js`). */
  entry: relativeFileSchema,
  contributes: z._default(pluginContributionsSchema, noContributions),
  /** The plugin's settings schema (JSON Schema), when it declares one in `definePlugin({ config })`. */
  config: z.optional(pluginConfigSchemaSchema),
});
export type PluginMetadata = z.infer<typeof pluginMetadataSchema>;
/** The metadata as written (`contributes` may be left out). */
export type PluginMetadataInput = z.input<typeof pluginMetadataSchema>;

/** A plugin the shell can load. */
const loadablePluginSchema = z.object({
  status: z.literal('ok'),
  name: pluginNameSchema,
  version: semverSchema,
  sdk: nonEmpty,
  remoteName: nonEmpty,
  /**
   * The remote entry (`remoteEntry.js`) to pass to Module Federation's `registerRemotes` as `entry`:
   * same-origin `/plugins/{name}/remoteEntry.js`, or the dev server's absolute URL for a dev override.
   */
  entry: nonEmpty,
  /** SHA-384 of the entry's bytes as the backend serves them; absent only when `dev` is true. */
  integrity: z.optional(sriSchema),
  contributes: z._default(pluginContributionsSchema, noContributions),
  /** True when a dev server replaces the registered plugin (`porthole serve --dev`). */
  dev: z.optional(z.literal(true)),
  /**
   * The plugin's settings for this bundle, validated by the backend against the plugin's schema, with
   * the schema's defaults filled in; present when the plugin declares a config schema. A plugin reads
   * them with `usePluginConfig(schema)`.
   */
  config: z.optional(pluginConfigSchema),
});

/** A plugin of the bundle the backend can't offer right now; what is known of it, and why. */
const failedPluginSchema = z.object({
  status: z.literal('error'),
  name: pluginNameSchema,
  /** Why: folder missing, metadata invalid, entry missing, plugin server unreachable, invalid config, ... */
  error: nonEmpty,
  /** When the bundle's config for the plugin is invalid: each problem, naming the field. */
  configErrors: z.optional(z.array(z.object({ field: z.string(), message: z.string() }))),
  version: z.optional(semverSchema),
  sdk: z.optional(nonEmpty),
  remoteName: z.optional(nonEmpty),
  entry: z.optional(nonEmpty),
  dev: z.optional(z.literal(true)),
});

/**
 * One plugin of a bundle as `GET /api/plugins` lists it: loadable (`status: 'ok'`, with the entry and
 * its integrity) or not (`status: 'error'`, with the reason). The shell registers `ok` plugins with
 * Module Federation (`registerRemotes([{ name: remoteName, entry }])`), puts `integrity` on the entry's
 * script (the runtime's `createScript` hook), and shows an error card for the others.
 *
 * @example
 * const ok: PluginManifest = { status: 'ok', name: 'cronjobs', version: '1.4.0', sdk: '^1.0.0',
 *   remoteName: 'porthole_cronjobs', entry: '/plugins/cronjobs/remoteEntry.js',
 *   integrity: 'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC' };
 * const down: PluginManifest = { status: 'error', name: 'billing',
 *   error: 'plugin server https://plugins.example.com/billing/ is unreachable: connection refused' };
 */
export const pluginManifestSchema = z
  .discriminatedUnion('status', [loadablePluginSchema, failedPluginSchema])
  .check(
    z.superRefine((plugin, ctx) => {
      if (plugin.status === 'ok' && !plugin.dev && plugin.integrity === undefined) {
        ctx.addIssue({ code: 'custom', path: ['integrity'], message: 'required unless dev is true' });
      }
    }),
  );
export type PluginManifest = z.infer<typeof pluginManifestSchema>;

/**
 * The answer of `GET /api/plugins?bundle=NAME`: the plugins of one bundle, in the registry's order.
 * `registryError` is set while the registry file has a problem; the list is then its last good state.
 *
 * @example
 * const res = await fetch('/api/plugins?bundle=payments');
 * const { bundle, plugins } = bundleManifestSchema.parse(await res.json());
 */
export const bundleManifestSchema = z.object({
  /** The bundle these plugins belong to (the one asked for, else mapped from the user's group, else `default`). */
  bundle: pluginNameSchema,
  /** Every bundle the registry defines (always includes `default`), for a bundle picker. */
  bundles: z.array(pluginNameSchema),
  plugins: z.array(pluginManifestSchema),
  /** Why the registry file's latest version was not taken (its causes name the fields). */
  registryError: z.optional(statusSchema),
});
export type BundleManifest = z.infer<typeof bundleManifestSchema>;
