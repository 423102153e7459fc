import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { pluginNameSchema } from '@porthole/protocol';
import { installedVersion } from '../build/installed-version.ts';
import { pluginTemplate, type TemplateValues } from './templates.ts';

/** Options of {@link createPlugin}. */
export interface CreatePluginOptions {
  /** The plugin's name: a lowercase DNS label (`team-billing`). */
  name: string;
  /**
   * The folder to create; must be new or empty. Inside a Porthole checkout the plugin is a workspace of
   * it; anywhere else, a project of its own depending on the published packages.
   */
  dir: string;
}

/** What {@link createPlugin} wrote. */
export interface CreatePluginResult {
  /** The plugin's folder, absolute. */
  dir: string;
  /** The files written, relative to `dir`. */
  files: string[];
  /** A project of its own (run `npm install` in it first), not a workspace of a Porthole checkout. */
  standalone: boolean;
}

/** The kit's own package.json: its version, and the versions of its peers a plugin needs. */
interface KitManifest {
  version: string;
  peerDependencies: Record<'@porthole/sdk' | '@porthole/ui' | 'solid-js', string>;
}

/**
 * The versions a plugin project of its own starts from: this kit's, and the lowest of each peer range it
 * declares (`^1.0.0` -> `1.0.0`), which the scaffold turns back into `^` ranges.
 *
 * @example
 * publishedVersions({ version: '1.2.0', peerDependencies: { '@porthole/sdk': '^1.0.0', '@porthole/ui': '^1.0.0', 'solid-js': '1.9.19' } });
 * // { kit: '1.2.0', sdk: '1.0.0', ui: '1.0.0', solid: '1.9.19' }
 */
export function publishedVersions(kit: KitManifest): TemplateValues['versions'] {
  const lowest = (pkg: keyof KitManifest['peerDependencies']) => {
    const range = kit.peerDependencies[pkg];
    const version = /^[\^~]?(\d+\.\d+\.\d+)$/.exec(range)?.[1];
    if (!version)
      throw new Error(`the kit's peer range of ${pkg} is not a plain version or ^ range: ${range}`);
    return version;
  };
  return {
    kit: kit.version,
    sdk: lowest('@porthole/sdk'),
    ui: lowest('@porthole/ui'),
    solid: lowest('solid-js'),
  };
}

function kitManifest(): KitManifest {
  // ../../package.json from src/create/ and from dist/create/ alike.
  return createRequire(import.meta.url)('../../package.json') as KitManifest;
}

/** A scaffold that can't be written where asked; the message says why and what to do. */
export class CreatePluginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CreatePluginError';
  }
}

function titleOf(name: string): string {
  return name
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

function nearestExisting(dir: string): string {
  let current = dir;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

/**
 * Writes a working plugin into `dir`: `package.json` (build, dev, test, typecheck), a three-line
 * `rsbuild.config.ts`, `tsconfig.json`, `src/plugin.ts` (a route `NAME/pods` in the navigation),
 * `src/pages/PodsPage.tsx` (the current cluster's pods, live, with loading, empty and error states),
 * `src/pods.ts` and its test.
 * - Inside a Porthole checkout (`plugins/NAME` is a workspace) the plugin resolves `@porthole/sdk` and
 *   the kit through the checkout's `node_modules` and pins the versions installed there.
 * - Anywhere else it is a project of its own: it depends on the published packages (the versions this
 *   kit works with, as `^` ranges) and brings its tools (Rsbuild, TypeScript, Vitest, Biome with a
 *   `biome.json`, `lint`); `npm install` in it comes first.
 *
 * @example
 * const { dir, files } = await createPlugin({ name: 'my-plugin', dir: 'plugins/my-plugin' });
 */
export async function createPlugin(options: CreatePluginOptions): Promise<CreatePluginResult> {
  const name = pluginNameSchema.safeParse(options.name);
  if (!name.success) {
    throw new CreatePluginError(
      `"${options.name}" is not a plugin name: it must be a lowercase DNS label such as "my-plugin" ` +
        '(it becomes the registry key and the URL /plugins/NAME/)',
    );
  }
  const dir = resolve(options.dir);
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new CreatePluginError(`${dir} already exists and is not empty: pick a new folder with --dir`);
  const base = nearestExisting(dir);
  const standalone = checkoutRootAbove(base) === undefined;
  let versions: TemplateValues['versions'];
  try {
    versions = standalone
      ? publishedVersions(kitManifest())
      : {
          sdk: installedVersion(base, '@porthole/sdk'),
          solid: installedVersion(base, 'solid-js'),
          kit: installedVersion(base, '@porthole/plugin-kit'),
          ui: installedVersion(base, '@porthole/ui'),
        };
  } catch (err) {
    throw new CreatePluginError(
      standalone
        ? `cannot read the versions this kit works with: ${String(err)}`
        : `${dir} is inside a Porthole checkout whose @porthole packages can't be resolved: ` +
            'run `npm install` at its root first',
    );
  }
  const files = pluginTemplate({ name: name.data, title: titleOf(name.data), versions, standalone });
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text, { flag: 'wx' });
  }
  return { dir, files: Object.keys(files), standalone };
}

function checkoutRootAbove(dir: string): string | undefined {
  for (let current = resolve(dir); ; current = dirname(current)) {
    if (isCheckoutRoot(current)) return current;
    if (dirname(current) === current) return undefined;
  }
}

function isCheckoutRoot(dir: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { workspaces?: unknown };
    return Array.isArray(manifest.workspaces) && manifest.workspaces.includes('plugins/*');
  } catch {
    return false;
  }
}

/**
 * Where `porthole create-plugin NAME` puts a plugin when no `--dir` is given: `plugins/NAME` of the
 * Porthole checkout `cwd` is in (a workspace there), else `NAME` in `cwd`.
 *
 * @example
 * defaultPluginDir('my-plugin', '/src/porthole/apps/backend'); // '/src/porthole/plugins/my-plugin'
 */
export function defaultPluginDir(name: string, cwd: string): string {
  const root = checkoutRootAbove(cwd);
  return root ? join(root, 'plugins', name) : join(resolve(cwd), name);
}

/**
 * The lines to print after {@link createPlugin}: where it is, and the commands to build, develop and
 * register it.
 *
 * @example
 * console.log(nextSteps(result, process.cwd()));
 */
export function nextSteps(result: CreatePluginResult, name: string, cwd: string): string {
  const where = relative(cwd, result.dir) || '.';
  return [
    `Created plugin "${name}" in ${where}${result.standalone ? ' (a project of its own)' : ''}`,
    '',
    `  cd ${where}`,
    ...(result.standalone ? ['  npm install'] : []),
    '  npm run build      # dist/: remoteEntry.js, chunks, porthole-plugin.json',
    '  npm test',
    '  npm run dev        # dev server; open the portal (porthole serve --dev) with',
    `                     #   ?dev=${name}=http://127.0.0.1:3001/`,
    '',
    "Then add it to the portal's registry file (porthole serve --plugins FILE):",
    `  plugins:\n    ${name}: { path: ${join(result.dir, 'dist')} }\n  bundles:\n    default: [${name}]`,
    '',
    'Guide: docs/plugins.md of the Porthole repository',
  ].join('\n');
}
