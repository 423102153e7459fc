import { randomBytes } from 'node:crypto';
import { readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import type { OidcTokens } from './oidc-token-endpoint.ts';

/** Writes refreshed credentials back into kubeconfig files, one write at a time per file. */
export interface KubeconfigWriter {
  /**
   * Sets `id-token` (and `refresh-token`) in the `auth-provider` config of user `userName` in `file`,
   * leaving the rest of the file as it was (comments, order, other users). Rejects when the file can't
   * be parsed or the user (with an `oidc` auth-provider) is not in it.
   */
  writeOidcTokens(file: string, userName: string, tokens: OidcTokens): Promise<void>;
}

/**
 * Kubeconfig `text` with the OIDC tokens of user `userName` replaced and everything else kept; throws an
 * Error saying why when the text is not YAML or has no such oidc user.
 *
 * @example
 * const updated = withOidcTokens(text, 'alice', { idToken: 'eyJ...', refreshToken: 'r2' });
 */
export function withOidcTokens(text: string, userName: string, tokens: OidcTokens): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0)
    throw new Error(`it is not valid YAML: ${doc.errors[0]?.message.split('\n')[0]}`);
  const users = doc.get('users');
  const index = isSeq(users) ? users.items.findIndex((u) => isMap(u) && u.get('name') === userName) : -1;
  if (index < 0) throw new Error(`it defines no user "${userName}"`);
  const provider = ['users', index, 'user', 'auth-provider'];
  if (doc.getIn([...provider, 'name']) !== 'oidc')
    throw new Error(`user "${userName}" has no oidc auth-provider`);
  doc.setIn([...provider, 'config', 'id-token'], tokens.idToken);
  if (tokens.refreshToken) doc.setIn([...provider, 'config', 'refresh-token'], tokens.refreshToken);
  // kubectl writes `- name:` flush with its key; keep whichever style the file uses.
  return doc.toString({ indentSeq: !/^- /m.test(text) });
}

/** Replaces `path` atomically (same folder, same mode), following a symlink to the real file. */
async function replaceFile(path: string, text: string): Promise<void> {
  const target = await realpath(path);
  const { mode } = await stat(target);
  const temp = join(dirname(target), `.${basename(target)}.porthole-${randomBytes(6).toString('hex')}`);
  try {
    await writeFile(temp, text, { mode: mode & 0o777, flag: 'wx' });
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/**
 * Creates a {@link KubeconfigWriter}, used when refreshed OIDC tokens should outlive the process (like
 * kubectl's `persister`). Edits only the one user's auth-provider config with yaml's Document API and
 * replaces the file by rename, so a watcher never sees it half-written.
 *
 * @example
 * const writer = createKubeconfigWriter();
 * await writer.writeOidcTokens('/home/me/.kube/config', 'alice', { idToken, refreshToken });
 */
export function createKubeconfigWriter(): KubeconfigWriter {
  const queues = new Map<string, Promise<void>>();
  return {
    writeOidcTokens(file, userName, tokens) {
      const previous = queues.get(file) ?? Promise.resolve();
      const next = previous.then(async () => {
        const text = await readFile(file, 'utf8');
        await replaceFile(file, withOidcTokens(text, userName, tokens));
      });
      const settled = next.catch(() => {});
      queues.set(file, settled);
      void settled.then(() => {
        if (queues.get(file) === settled) queues.delete(file);
      });
      return next;
    },
  };
}
