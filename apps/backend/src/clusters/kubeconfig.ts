import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Cluster, type Context, KubeConfig, loadAllYaml, type User } from '@kubernetes/client-node';

/** The extension (on a context or a cluster) that declares a cluster's distribution. */
export const distributionExtension = 'porthole.dev/distribution';

/** One kubeconfig file, parsed. */
export interface KubeconfigFile {
  path: string;
  kubeConfig: KubeConfig;
  /** Values of the `porthole.dev/distribution` extension by context name and by cluster name. */
  declared: { contexts: Map<string, unknown>; clusters: Map<string, unknown> };
}

/** The outcome of reading one file: never rejects, a broken file is a value. */
export type LoadKubeconfigResult =
  | { ok: true; file: KubeconfigFile }
  | { ok: false; path: string; error: string };

type RawNamed = { name?: unknown; [section: string]: unknown };

/** `{ name, extension }` pairs of `entries[].<section>.extensions`, keyed by the entry's name. */
function declaredDistributions(entries: unknown, section: 'context' | 'cluster'): Map<string, unknown> {
  const found = new Map<string, unknown>();
  if (!Array.isArray(entries)) return found;
  for (const entry of entries as RawNamed[]) {
    const body = entry?.[section] as { extensions?: unknown } | undefined;
    if (typeof entry?.name !== 'string' || !Array.isArray(body?.extensions)) continue;
    const ext = (body.extensions as RawNamed[]).find((e) => e?.name === distributionExtension);
    if (ext && !found.has(entry.name)) found.set(entry.name, ext.extension);
  }
  return found;
}

/** The first line only: js-yaml appends a snippet of the file, which may hold a credential. */
function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0] ?? message;
}

/**
 * Parses kubeconfig text as kubectl would accept it: empty means empty, anything but one YAML
 * mapping is an error. Relative file references resolve against the file's folder.
 *
 * @example
 * const result = parseKubeconfig('/home/me/.kube/config', text);
 * if (!result.ok) console.error(result.error);
 */
export function parseKubeconfig(path: string, text: string): LoadKubeconfigResult {
  try {
    const docs = loadAllYaml(text).filter((d) => d !== null && d !== undefined);
    if (docs.length > 1)
      return { ok: false, path, error: `holds ${docs.length} YAML documents, expected one` };
    const doc: unknown = docs[0] ?? {};
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      return {
        ok: false,
        path,
        error: 'is not a kubeconfig: expected a YAML mapping with clusters, users and contexts',
      };
    }
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(docs.length === 0 ? '{}' : text);
    kubeConfig.makePathsAbsolute(dirname(path));
    const raw = doc as { contexts?: unknown; clusters?: unknown };
    const declared = {
      contexts: declaredDistributions(raw.contexts, 'context'),
      clusters: declaredDistributions(raw.clusters, 'cluster'),
    };
    return { ok: true, file: { path, kubeConfig, declared } };
  } catch (err) {
    return { ok: false, path, error: `cannot be parsed: ${firstLine(err)}` };
  }
}

/**
 * Reads and parses one kubeconfig file; a missing, unreadable or broken file gives an error value.
 *
 * @example
 * const result = await loadKubeconfigFile(`${homedir()}/.kube/config`);
 */
export async function loadKubeconfigFile(path: string): Promise<LoadKubeconfigResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, path, error: 'does not exist' };
    if (code === 'EACCES') return { ok: false, path, error: 'cannot be read: permission denied' };
    return { ok: false, path, error: `cannot be read: ${firstLine(err)}` };
  }
  return parseKubeconfig(path, text);
}

/** An entry of a merged kubeconfig together with the file that defined it. */
export interface Sourced<T> {
  value: T;
  source: string;
  /** The `porthole.dev/distribution` extension on this entry, if any. */
  declaredDistribution: unknown;
}

/** Several kubeconfig files seen as one, the way kubectl merges them. */
export interface MergedKubeconfig {
  /** Contexts in file order, then in-file order. */
  contexts: Sourced<Context>[];
  clusters: Map<string, Sourced<Cluster>>;
  users: Map<string, Sourced<User>>;
  /** From the first file that sets one. */
  currentContext: string | undefined;
  /** Files that could not be used, in the order given. */
  errors: { source: string; error: string }[];
}

function addFirst<T extends { name: string }>(
  into: Map<string, Sourced<T>>,
  entries: readonly T[],
  source: string,
  declared?: Map<string, unknown>,
): void {
  for (const value of entries) {
    if (into.has(value.name)) continue;
    into.set(value.name, { value, source, declaredDistribution: declared?.get(value.name) });
  }
}

/**
 * Merges loaded files like kubectl's `KUBECONFIG=a:b`: the first file to define a cluster, user or
 * context name wins, and the current context comes from the first file that sets one. Broken files
 * are listed in `errors` and contribute nothing.
 *
 * @example
 * const merged = mergeKubeconfigs(await Promise.all(paths.map(loadKubeconfigFile)));
 */
export function mergeKubeconfigs(results: readonly LoadKubeconfigResult[]): MergedKubeconfig {
  const contexts = new Map<string, Sourced<Context>>();
  const merged: MergedKubeconfig = {
    contexts: [],
    clusters: new Map(),
    users: new Map(),
    currentContext: undefined,
    errors: [],
  };
  for (const result of results) {
    if (!result.ok) {
      merged.errors.push({ source: result.path, error: result.error });
      continue;
    }
    const { path, kubeConfig, declared } = result.file;
    addFirst(merged.clusters, kubeConfig.getClusters(), path, declared.clusters);
    addFirst(merged.users, kubeConfig.getUsers(), path);
    addFirst(contexts, kubeConfig.getContexts(), path, declared.contexts);
    merged.currentContext ||= kubeConfig.getCurrentContext() || undefined;
  }
  merged.contexts = [...contexts.values()];
  return merged;
}
