import {
  type FSWatcher,
  realpathSync,
  type StatsListener,
  statSync,
  unwatchFile,
  watch,
  watchFile,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** Options of {@link watchKubeconfigFiles}. */
export interface WatchKubeconfigFilesOptions {
  /** The files to watch; they need not exist yet. */
  paths: readonly string[];
  /** Something about one of the files may have changed (called often; debounce it). */
  onChange: () => void;
  /** How often to look at files whose folder does not exist (or can't be watched). Default 200 ms. */
  pollIntervalMs?: number;
}

/** A running watch; {@link KubeconfigWatch.close} stops it. */
export interface KubeconfigWatch {
  /**
   * Looks again at what to watch: follows a symlink that now points elsewhere, and a folder that was
   * deleted, created or replaced. Call it after reading the files.
   */
  refresh(): void;
  close(): void;
}

interface WatchedFolder {
  /** Base names of the files of interest in this folder. */
  names: Set<string>;
  watcher?: FSWatcher | undefined;
  /** The folder's inode when the watcher was made: another inode means it was replaced. */
  ino?: number | undefined;
  /** Files polled with `fs.watchFile` while the folder can't be watched. */
  polled: Map<string, StatsListener>;
}

/** Folder -> base names to watch: each path, and the file it is a symlink to, if it is one. */
function foldersOf(paths: readonly string[]): Map<string, Set<string>> {
  const folders = new Map<string, Set<string>>();
  const add = (path: string) => {
    const names = folders.get(dirname(path)) ?? new Set<string>();
    folders.set(dirname(path), names.add(basename(path)));
  };
  for (const path of paths.map((p) => resolve(p))) {
    add(path);
    try {
      const real = realpathSync(path);
      if (real !== path) add(real);
    } catch {
      // Not there (yet): the folder watch will see it appear.
    }
  }
  return folders;
}

function inodeOf(path: string): number | undefined {
  try {
    return statSync(path).ino;
  } catch {
    return undefined;
  }
}

/**
 * Watches files by watching their folders (`fs.watch` on the parent, filtered by name), so saves by
 * rename, delete-and-recreate and a file that does not exist yet are all seen. Where the folder itself
 * is missing, its files are polled until it appears. Nothing is global: {@link KubeconfigWatch.close}
 * stops everything this call started.
 *
 * @example
 * const watch = watchKubeconfigFiles({ paths: ['/home/me/.kube/config'], onChange: () => reload() });
 * // ... after each reload: watch.refresh(); on shutdown: watch.close();
 */
export function watchKubeconfigFiles(options: WatchKubeconfigFilesOptions): KubeconfigWatch {
  const { onChange } = options;
  const interval = options.pollIntervalMs ?? 200;
  const folders = new Map<string, WatchedFolder>();
  let closed = false;

  function stopPolling(folder: WatchedFolder, keep: ReadonlySet<string> = new Set()): void {
    for (const [path, listener] of folder.polled) {
      if (keep.has(path)) continue;
      unwatchFile(path, listener);
      folder.polled.delete(path);
    }
  }

  function poll(dir: string, folder: WatchedFolder): void {
    const wanted = new Set([...folder.names].map((name) => join(dir, name)));
    stopPolling(folder, wanted);
    for (const path of wanted) {
      if (folder.polled.has(path)) continue;
      const listener: StatsListener = () => onChange();
      watchFile(path, { persistent: false, interval }, listener);
      folder.polled.set(path, listener);
    }
  }

  function watchFolder(dir: string, folder: WatchedFolder): void {
    folder.watcher?.close();
    folder.watcher = undefined;
    folder.ino = inodeOf(dir);
    if (folder.ino === undefined) {
      poll(dir, folder);
      return;
    }
    try {
      const watcher = watch(dir, { persistent: false }, (_event, filename) => {
        if (filename === null || folder.names.has(filename)) onChange();
        // inotify names the folder itself when it is removed or renamed: watch anew.
        else if (filename === basename(dir)) refreshFolder(dir, folder);
      });
      watcher.on('error', () => refreshFolder(dir, folder, true));
      folder.watcher = watcher;
      stopPolling(folder);
    } catch {
      // A folder we may not watch (permissions, inotify limits): poll its files instead.
      poll(dir, folder);
    }
  }

  /** Watches anew when the folder appeared, vanished or was replaced since it was last looked at. */
  function refreshFolder(dir: string, folder: WatchedFolder, force = false): void {
    if (closed) return;
    if (!force && inodeOf(dir) === folder.ino) {
      if (!folder.watcher) poll(dir, folder);
      return;
    }
    watchFolder(dir, folder);
    onChange();
  }

  function refresh(): void {
    if (closed) return;
    const wanted = foldersOf(options.paths);
    for (const [dir, folder] of folders) {
      if (wanted.has(dir)) continue;
      folder.watcher?.close();
      stopPolling(folder);
      folders.delete(dir);
    }
    for (const [dir, names] of wanted) {
      const folder = folders.get(dir);
      if (!folder) {
        const created: WatchedFolder = { names, polled: new Map() };
        folders.set(dir, created);
        watchFolder(dir, created);
        continue;
      }
      folder.names = names;
      refreshFolder(dir, folder);
    }
  }

  refresh();
  return {
    refresh,
    close() {
      closed = true;
      for (const folder of folders.values()) {
        folder.watcher?.close();
        stopPolling(folder);
      }
      folders.clear();
    },
  };
}
