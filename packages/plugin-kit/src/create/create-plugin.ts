import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { pluginNameSchema } from '@porthole/protocol';
import { installedVersion } from '../build/installed-version.ts';
import { pluginTemplate } from './templates.ts';

/** Options of {@link createPlugin}. */
export interface CreatePluginOptions {
  /** The plugin's name: a lowercase DNS label (`team-billing`). */
  name: string;
  /** The folder to create; must be new or empty, and inside a Porthole checkout. */
  dir: string;
}

/** What {@link createPlugin} wrote. */
export interface CreatePluginResult {
  /** The plugin's folder, absolute. */
  dir: string;
  /** The files written, relative to `dir`. */
  files: string[];
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
 * Writes a working plugin into `dir`: `package.json` (build, dev, test), a three-line
 * `rsbuild.config.ts`, `tsconfig.json`, `src/plugin.ts` (a route `NAME/pods` in the navigation),
 * `src/pages/PodsPage.tsx` (the current cluster's pods, live, with loading, empty and error states),
 * `src/pods.ts` and its test. The plugin resolves `@porthole/sdk` and the kit through the checkout's
 * `node_modules`, so `dir` must be inside a Porthole checkout (`plugins/NAME` is a workspace); the
 * versions it pins are the ones installed there.
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
  let versions: { sdk: string; solid: string; kit: string; ui: string };
  try {
    versions = {
      sdk: installedVersion(base, '@porthole/sdk'),
      solid: installedVersion(base, 'solid-js'),
      kit: installedVersion(base, '@porthole/plugin-kit'),
      ui: installedVersion(base, '@porthole/ui'),
    };
  } catch {
    throw new CreatePluginError(
      `${dir} is outside a Porthole checkout (from there, @porthole/sdk and @porthole/plugin-kit can't be ` +
        'resolved): create the plugin inside the checkout, e.g. plugins/NAME, after `npm install` at its root',
    );
  }
  const files = pluginTemplate({ name: name.data, title: titleOf(name.data), versions });
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text, { flag: 'wx' });
  }
  return { dir, files: Object.keys(files) };
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
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (isCheckoutRoot(dir)) return join(dir, 'plugins', name);
    if (dirname(dir) === dir) return join(resolve(cwd), name);
  }
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
    `Created plugin "${name}" in ${where}`,
    '',
    `  cd ${where}`,
    '  npm run build      # dist/: remoteEntry.js, chunks, porthole-plugin.json',
    '  npm test',
    '  npm run dev        # dev server; open the portal (porthole serve --dev) with',
    `                     #   ?dev=${name}=http://127.0.0.1:3001/`,
    '',
    "Then add it to the portal's registry file (porthole serve --plugins FILE):",
    `  plugins:\n    ${name}: { path: ${join(result.dir, 'dist')} }\n  bundles:\n    default: [${name}]`,
    '',
    'Guide: docs/plugins.md',
  ].join('\n');
}
