import type {
  KubeconfigCluster,
  KubeconfigContext,
  KubeconfigFile,
  KubeconfigProblem,
  KubeconfigUser,
  LoadKubeconfigResult,
} from './kubeconfig.ts';

/**
 * One kubeconfig file as the merge sees it: the contents it gave (the last good ones, when it is
 * broken now) and what is wrong with it now, if anything.
 */
export interface KubeconfigSource {
  path: string;
  file?: KubeconfigFile | undefined;
  error?: string | undefined;
  /** What kind of problem `error` is. */
  problem?: KubeconfigProblem | undefined;
}

/** A file that can't be used right now. */
export interface KubeconfigFileError {
  source: string;
  error: string;
  /** True when the contexts the file gave before are still in use (a half-written file). */
  keptLastGood: boolean;
}

/** Several kubeconfig files seen as one, the way kubectl merges them. */
export interface MergedKubeconfig {
  /** Contexts in file order, then in-file order; the first file to define a name wins. */
  contexts: KubeconfigContext[];
  clusters: Map<string, KubeconfigCluster>;
  users: Map<string, KubeconfigUser>;
  /** From the first file that sets one. */
  currentContext: string | undefined;
  /** Files that can't be used right now, in the order given. */
  errors: KubeconfigFileError[];
}

function asSource(input: KubeconfigSource | LoadKubeconfigResult): KubeconfigSource {
  if (!('ok' in input)) return input;
  return input.ok
    ? { path: input.file.path, file: input.file }
    : { path: input.path, error: input.error, problem: input.problem };
}

function addFirst<T extends { name: string }>(into: Map<string, T>, entries: readonly T[]): void {
  for (const entry of entries) if (!into.has(entry.name)) into.set(entry.name, entry);
}

/**
 * Merges files like kubectl's `KUBECONFIG=a:b`: the first file to define a cluster, user or context
 * name wins, and the current context comes from the first file that sets one. A file with an error
 * contributes its last good contents when it has some, and is listed in `errors` either way.
 *
 * @example
 * const merged = mergeKubeconfigs(await Promise.all(paths.map(loadKubeconfigFile)));
 * merged.contexts.map((c) => c.name); // ['admin@alpha', 'viewer@alpha']
 */
export function mergeKubeconfigs(
  inputs: readonly (KubeconfigSource | LoadKubeconfigResult)[],
): MergedKubeconfig {
  const contexts = new Map<string, KubeconfigContext>();
  const merged: MergedKubeconfig = {
    contexts: [],
    clusters: new Map(),
    users: new Map(),
    currentContext: undefined,
    errors: [],
  };
  for (const { path, file, error } of inputs.map(asSource)) {
    if (error !== undefined) merged.errors.push({ source: path, error, keptLastGood: file !== undefined });
    if (!file) continue;
    addFirst(merged.clusters, file.clusters);
    addFirst(merged.users, file.users);
    addFirst(contexts, file.contexts);
    merged.currentContext ??= file.currentContext;
  }
  merged.contexts = [...contexts.values()];
  return merged;
}
