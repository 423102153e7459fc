import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pluginMetadataFile } from '@porthole/protocol';
import { type LoadedPlugin, loadPlugin } from './loaded-plugin.ts';
import type { PluginSource } from './registry-file.ts';

type FolderSource = Extract<PluginSource, { kind: 'folder' }>;

/** Why a file of a plugin's folder can't be read. */
export class FolderFileError extends Error {
  readonly problem: 'missing' | 'outside' | 'unreadable';
  constructor(problem: FolderFileError['problem'], message: string) {
    super(message);
    this.name = 'FolderFileError';
    this.problem = problem;
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Reads `file` (a `/`-separated path) from the folder `dir`, refusing anything that resolves outside it,
 * symbolic links included, and anything that is not a regular file.
 *
 * @example
 * const bytes = await readFolderFile('/srv/plugins/cronjobs', 'static/js/async/12.ab34cd56.js');
 */
export async function readFolderFile(dir: string, file: string): Promise<Uint8Array> {
  const path = resolve(dir, ...file.split('/'));
  if (!isInside(dir, path)) throw new FolderFileError('outside', `${file} is outside the plugin's folder`);
  try {
    const [realDir, realPath] = await Promise.all([realpath(dir), realpath(path)]);
    if (!isInside(realDir, realPath))
      throw new FolderFileError('outside', `${file} links outside the plugin's folder`);
    if (!(await stat(realPath)).isFile()) throw new FolderFileError('missing', `${file} is not a file`);
    return await readFile(realPath);
  } catch (err) {
    if (err instanceof FolderFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new FolderFileError('missing', `${file} is missing`);
    throw new FolderFileError('unreadable', `${file} can't be read: ${(err as Error).message}`);
  }
}

async function folderExists(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Loads a plugin from its build output folder: `porthole-plugin.json`, then the entry it names.
 * Messages name the folder as the registry file writes it, never more of the server's file system.
 *
 * @example
 * const plugin = await loadFolderPlugin('cronjobs', { kind: 'folder', path: './cronjobs/dist', dir });
 */
export async function loadFolderPlugin(name: string, source: FolderSource): Promise<LoadedPlugin> {
  return loadPlugin({
    name,
    source,
    entryUrl: (entry) => `/plugins/${name}/${entry}`,
    async read(file) {
      try {
        return await readFolderFile(source.dir, file);
      } catch (err) {
        if (file === pluginMetadataFile && !(await folderExists(source.dir)))
          throw new Error(`folder ${source.path} does not exist (is the plugin built?)`);
        throw new Error(`${(err as Error).message} in folder ${source.path}`);
      }
    },
  });
}

/** The files of a folder plugin to watch: its metadata and its entry. */
export function watchedFilesOf(plugin: LoadedPlugin): string[] {
  if (plugin.source.kind !== 'folder') return [];
  const { dir } = plugin.source;
  const files = [join(dir, pluginMetadataFile)];
  if (plugin.entryFile) files.push(join(dir, ...plugin.entryFile.split('/')));
  return files;
}
