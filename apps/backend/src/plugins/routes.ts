import { bundleManifestSchema, StatusError } from '@porthole/protocol';
import { Hono } from 'hono';
import type { Principal } from '../session/principal.ts';
import { applyDevOverrides, devOverrideParam, parseDevOverrides } from './dev-override.ts';
import { pluginFileResponse } from './plugin-files.ts';
import type { PluginRegistry } from './plugin-registry.ts';

/** What the plugin routes need: the registry and how this server was started. */
export interface PluginRoutesOptions {
  registry: PluginRegistry;
  /** `porthole serve --dev`: `GET /api/plugins` takes `dev=NAME=URL` overrides; refused (403) otherwise. */
  dev?: boolean | undefined;
  /**
   * `--bundle-group-header NAME` (e.g. `X-Forwarded-Groups`, set by an authenticating proxy): without
   * `?bundle=`, the first of its comma-separated groups with a `groupBundles` mapping picks the bundle.
   */
  bundleGroupHeader?: string | undefined;
  /** How long a dev server may take for one file. Default 5000 ms. */
  devTimeoutMs?: number | undefined;
}

function groupsOf(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((group) => group.trim())
    .filter((group) => group !== '');
}

/**
 * The plugin API, mounted at `/api/plugins`. `GET /?bundle=NAME` answers the {@link BundleManifest} of
 * that bundle (404 Status for an unknown one); without `bundle`, the bundle mapped from the group header
 * (when configured), else the first of the logged-in person's groups with a `groupBundles` mapping (the
 * principal the auth gate put in the context; login modes), else `default`. With `--dev`, `dev=NAME=URL` (repeatable) swaps in a dev server's
 * plugin for this request only.
 *
 * @example
 * app.route('/api/plugins', createPluginApiRoutes({ registry, bundleGroupHeader: 'X-Forwarded-Groups' }));
 */
export function createPluginApiRoutes(
  options: PluginRoutesOptions,
): Hono<{ Variables: { principal?: Principal } }> {
  const { registry, bundleGroupHeader } = options;
  const routes = new Hono<{ Variables: { principal?: Principal } }>();
  routes.get('/', async (c) => {
    const devValues = c.req.queries(devOverrideParam) ?? [];
    if (devValues.length > 0 && !options.dev) {
      throw StatusError.forbidden(
        { resource: 'plugins' },
        undefined,
        `dev overrides are accepted only when the backend runs with --dev (porthole serve --dev)`,
      );
    }
    const overrides = parseDevOverrides(devValues);
    const asked = c.req.query('bundle');
    const person = c.get('principal');
    const mapped = bundleGroupHeader
      ? registry.bundleOfGroups(groupsOf(c.req.header(bundleGroupHeader)))
      : person && person.groups.length > 0
        ? registry.bundleOfGroups(person.groups)
        : undefined;
    const bundle = asked || mapped || 'default';
    const manifest = await applyDevOverrides(
      registry.bundleManifest(bundle),
      overrides,
      options.devTimeoutMs ?? 5_000,
      (plugin) => registry.withSettings(plugin, bundle),
    );
    c.header('Cache-Control', 'no-cache');
    if (bundleGroupHeader) c.header('Vary', bundleGroupHeader);
    else if (person && person.upstream.kind !== 'kubeconfig') c.header('Vary', 'Cookie, Authorization');
    return c.json(bundleManifestSchema.parse(manifest));
  });
  return routes;
}

/** The path inside the plugin's build output, from the raw (still percent-encoded) `/plugins/{name}/...`. */
function fileOf(rawPath: string, name: string): string {
  let segments: string[];
  try {
    segments = rawPath.split('/').slice(3).map(decodeURIComponent);
  } catch {
    throw StatusError.badRequest(`the request path ${JSON.stringify(rawPath)} is not valid percent-encoding`);
  }
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('/') || s.includes('\\')))
    throw StatusError.notFound({ resource: 'pluginfiles' }, `${name}/${segments.join('/')}`);
  return segments.join('/');
}

/**
 * The plugins' files, mounted at `/plugins`: `GET /plugins/{name}/{file}` from the plugin's folder or,
 * for a plugin server, fetched from it (502 Status when it is down). Entry and metadata come from the
 * bytes the registry hashed. Caching: see {@link pluginFileResponse}.
 *
 * @example
 * app.route('/plugins', createPluginFileRoutes(registry));
 */
export function createPluginFileRoutes(registry: Pick<PluginRegistry, 'readFile'>): Hono {
  const routes = new Hono();
  routes.get('/:name/*', async (c) => {
    const name = c.req.param('name');
    const file = fileOf(new URL(c.req.url).pathname, name);
    const body = await registry.readFile(name, file);
    return pluginFileResponse(file, body, c.req.header('if-none-match'));
  });
  return routes;
}
