import { readFile, stat } from 'node:fs/promises';
import { CredentialFailure } from './credential-failure.ts';

/**
 * Reads credential files (token files, certificates, keys), re-reading one only when it changed: each
 * call costs one `stat`, and a new modification time, size or inode means a new read.
 */
export interface FileReader {
  /** The file's text; rejects with a {@link CredentialFailure} naming the file and why. */
  read(path: string, what: string): Promise<string>;
  /** Forgets what was read from `path`, so the next read reads it again. */
  forget(path: string): void;
}

interface CachedFile {
  stamp: string;
  text: string;
}

function reasonOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return code ?? (err instanceof Error ? err.message : String(err));
}

/**
 * Creates a {@link FileReader} with its own cache.
 *
 * @example
 * const files = createFileReader();
 * const token = (await files.read('/var/run/secrets/token', 'token file')).trim();
 */
export function createFileReader(): FileReader {
  const cache = new Map<string, CachedFile>();
  return {
    async read(path, what) {
      try {
        const info = await stat(path);
        if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
        const stamp = `${info.mtimeMs}:${info.ctimeMs}:${info.size}:${info.ino}`;
        const cached = cache.get(path);
        if (cached?.stamp === stamp) return cached.text;
        const text = await readFile(path, 'utf8');
        cache.set(path, { stamp, text });
        return text;
      } catch (err) {
        cache.delete(path);
        throw new CredentialFailure(`cannot read the ${what} ${path}: ${reasonOf(err)}`, { cause: err });
      }
    },
    forget(path) {
      cache.delete(path);
    },
  };
}
