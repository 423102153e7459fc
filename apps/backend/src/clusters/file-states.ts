import type { KubeconfigEntryProblem, KubeconfigFileState } from '@porthole/protocol';
import type { KubeconfigFile } from './kubeconfig.ts';
import type { KubeconfigSource, MergedKubeconfig } from './merge-kubeconfigs.ts';

/** The `line N, column M` a YAML parser names in its message (see `parseKubeconfig`). */
function positionOf(error: string): { line: number; column: number } | undefined {
  const match = /at line (\d+), column (\d+)/.exec(error);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
}

type Entry = 'cluster' | 'user' | 'context';

/** Entries of `file` that another file defined first (kubectl keeps the first). */
function duplicates(file: KubeconfigFile, merged: MergedKubeconfig): KubeconfigEntryProblem[] {
  const winners: Record<Entry, Map<string, { source: string }>> = {
    cluster: merged.clusters,
    user: merged.users,
    context: new Map(merged.contexts.map((c) => [c.name, c])),
  };
  const sections: [Entry, readonly { name: string }[]][] = [
    ['cluster', file.clusters],
    ['user', file.users],
    ['context', file.contexts],
  ];
  const problems: KubeconfigEntryProblem[] = [];
  for (const [entry, list] of sections) {
    for (const { name } of list) {
      const winner = winners[entry].get(name)?.source;
      if (winner === undefined || winner === file.path) continue;
      const message = `${entry} ${JSON.stringify(name)} is also defined in ${winner}, which comes first and wins`;
      problems.push({ entry, name, kind: 'duplicate', message, winner });
    }
  }
  return problems;
}

/** Malformed entries, and contexts of this file (that win) naming a cluster or user defined nowhere. */
function brokenEntries(file: KubeconfigFile, merged: MergedKubeconfig): KubeconfigEntryProblem[] {
  const problems: KubeconfigEntryProblem[] = [];
  for (const [entry, list] of [
    ['cluster', file.clusters],
    ['user', file.users],
    ['context', file.contexts],
  ] as const) {
    for (const { name, error } of list)
      if (error) problems.push({ entry, name, kind: 'malformed', message: error });
  }
  for (const context of file.contexts) {
    if (context.error || merged.contexts.find((c) => c.name === context.name)?.source !== file.path) continue;
    const quoted = JSON.stringify(context.name);
    if (context.cluster !== undefined && !merged.clusters.has(context.cluster)) {
      const message = `context ${quoted} names cluster ${JSON.stringify(context.cluster)}, which no kubeconfig file defines`;
      problems.push({ entry: 'context', name: context.name, kind: 'undefined-cluster', message });
    }
    if (context.user !== undefined && !merged.users.has(context.user)) {
      const message = `context ${quoted} names user ${JSON.stringify(context.user)}, which no kubeconfig file defines`;
      problems.push({ entry: 'context', name: context.name, kind: 'undefined-user', message });
    }
  }
  return problems;
}

/**
 * The state of every kubeconfig file, in merge order: ok, missing (a note, as in kubectl), unreadable
 * or invalid (with the YAML error's line and column), whether a broken file's last good contexts are
 * still served, and the entries with problems. Built from names and messages only: never a credential.
 *
 * @example
 * describeFiles(states, mergeKubeconfigs(states)).map((f) => f.state); // ['ok', 'missing']
 */
export function describeFiles(
  sources: readonly KubeconfigSource[],
  merged: MergedKubeconfig,
): KubeconfigFileState[] {
  return sources.map(({ path, file, error, problem }, order) => {
    const state: KubeconfigFileState = {
      path,
      order,
      state: error === undefined ? 'ok' : (problem ?? 'invalid'),
      keptLastGood: error !== undefined && file !== undefined,
      contexts: file?.contexts.map((c) => c.name) ?? [],
      problems: file ? [...brokenEntries(file, merged), ...duplicates(file, merged)] : [],
    };
    if (error !== undefined) state.message = error;
    const at = error === undefined ? undefined : positionOf(error);
    if (at) Object.assign(state, at);
    if (file?.currentContext) state.currentContext = file.currentContext;
    return state;
  });
}
