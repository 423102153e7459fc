import type { KubeconfigFile, LoadKubeconfigResult } from './kubeconfig.ts';
import type { KubeconfigSource } from './merge-kubeconfigs.ts';

/** What the registry knows about one file: its last good contents, its current problem, if any. */
export interface FileState extends KubeconfigSource {
  /** When the file was first seen gone or emptied while it had contents; unset otherwise. */
  goneSince?: number | undefined;
}

/** The outcome of {@link nextFileState}: the new state, and when to read the file again, if needed. */
export interface NextFileStateResult {
  state: FileState;
  /** Read the file again after this many ms to confirm it is really gone or empty. */
  recheckInMs?: number;
}

function hasContents(file: KubeconfigFile | undefined): boolean {
  return file !== undefined && !file.empty;
}

/**
 * How a file's state moves on after reading it again. A file that can't be parsed keeps its last good
 * contents and carries the error. A file that had contents and is now gone or empty is given
 * `settleMs` to come back (editors save by delete-and-recreate or by truncate-and-write) before its
 * contexts are dropped.
 *
 * @example
 * const { state, recheckInMs } = nextFileState(previous, await loadKubeconfigFile(path), Date.now(), 150);
 */
export function nextFileState(
  previous: FileState | undefined,
  result: LoadKubeconfigResult,
  now: number,
  settleMs: number,
): NextFileStateResult {
  const path = result.ok ? result.file.path : result.path;
  const gone = result.ok ? result.file.empty : result.problem === 'missing';
  if (gone && previous && hasContents(previous.file)) {
    const since = previous.goneSince ?? now;
    const waited = now - since;
    if (waited < settleMs)
      return { state: { ...previous, goneSince: since }, recheckInMs: settleMs - waited };
  }
  if (result.ok) return { state: { path, file: result.file } };
  const { error, problem } = result;
  if (problem === 'missing') return { state: { path, error, problem } };
  return { state: { path, file: previous?.file, error, problem } };
}
