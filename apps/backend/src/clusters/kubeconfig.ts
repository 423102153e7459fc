import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  type DocumentOptions,
  type ParseOptions,
  parseAllDocuments,
  type SchemaOptions,
  type Tags,
} from 'yaml';
import type { z } from 'zod';
import { readDistributionExtension } from './distribution.ts';
import { toClusterConfig, toContextRefs, toUserConfig } from './kubeconfig-entries.ts';
import {
  clusterSchema,
  contextSchema,
  describeIssue,
  kubeconfigSchema,
  notAString,
  userSchema,
} from './kubeconfig-schema.ts';
import type { ClusterConfig, UserConfig } from './resolved-context.ts';

/** What every entry of a kubeconfig file carries: its name, the file, and what is wrong with it, if anything. */
interface KubeconfigEntry {
  name: string;
  /** The kubeconfig file that defined the entry. */
  source: string;
  /** Why the entry can't be used, naming the field (e.g. `certificate-authority-data is not valid base64`). */
  error?: string;
}

/** A `clusters[]` entry; `config` is absent when the entry is malformed. */
export interface KubeconfigCluster extends KubeconfigEntry {
  config?: ClusterConfig;
  /** Its `porthole.dev/distribution` extension, if any (not yet validated). */
  distribution?: unknown;
}

/** A `users[]` entry; `config` is absent when the entry is malformed. */
export interface KubeconfigUser extends KubeconfigEntry {
  config?: UserConfig;
}

/** A `contexts[]` entry: the names it refers to. */
export interface KubeconfigContext extends KubeconfigEntry {
  cluster?: string;
  user?: string;
  namespace?: string;
  /** Its `porthole.dev/distribution` extension, if any (not yet validated). */
  distribution?: unknown;
}

/** One kubeconfig file, parsed, with paths made absolute and `*-data` decoded. */
export interface KubeconfigFile {
  path: string;
  /** True when the file holds no YAML document at all (kubectl reads it as an empty kubeconfig). */
  empty: boolean;
  currentContext?: string;
  clusters: KubeconfigCluster[];
  users: KubeconfigUser[];
  contexts: KubeconfigContext[];
}

/** Why a file could not be used: it is not there, it can't be read, or its content is not a kubeconfig. */
export type KubeconfigProblem = 'missing' | 'unreadable' | 'invalid';

/** The outcome of reading one file: never rejects, a broken file is a value. */
export type LoadKubeconfigResult =
  | { ok: true; file: KubeconfigFile }
  | { ok: false; path: string; problem: KubeconfigProblem; error: string };

/** The first line only: parsers append a snippet of the file, which may hold a credential. */
function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (message.split('\n')[0] ?? message).replace(/:$/, '');
}

type Section = 'cluster' | 'user' | 'context';
type Schema = typeof clusterSchema | typeof userSchema | typeof contextSchema;
type SectionEntry<S extends Schema> = {
  name: string;
  body?: z.infer<S>;
  extensions?: unknown;
  error?: string;
};

/** Names and validated bodies of one section; a nameless or duplicate entry spoils the file, as in kubectl. */
function readSection<S extends Schema>(
  path: string,
  list: readonly unknown[] | null | undefined,
  section: Section,
  schema: S,
): { entries: SectionEntry<S>[] } | { error: string } {
  const entries: SectionEntry<S>[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of (list ?? []).entries()) {
    const where = `${section}s[${index}]`;
    const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : undefined;
    if (record?.name === undefined || record.name === null || record.name === '')
      return { error: `${where} has no name` };
    if (typeof record.name !== 'string')
      return { error: `${where}.name ${notAString({ input: record.name })}` };
    const { name } = record;
    if (seen.has(name)) return { error: `${section}s has two entries named ${JSON.stringify(name)}` };
    seen.add(name);
    const parsed = schema.safeParse(record[section] ?? {});
    if (!parsed.success) {
      const error = `${section} ${JSON.stringify(name)} (${where} of ${path}): ${describeIssue(parsed.error)}`;
      entries.push({ name, error });
      continue;
    }
    const extensions = (record[section] as { extensions?: unknown } | undefined)?.extensions;
    entries.push({ name, body: parsed.data as z.infer<S>, extensions });
  }
  return { entries };
}

// kubectl reads YAML 1.1 (go-yaml v2): `yes`/`on` are booleans, `0x1F` a number. Unlike YAML 1.1 it has
// no sexagesimal numbers and no timestamps, so `12:30` and `2024-01-01` stay strings.
const yamlOptions = {
  version: '1.1',
  logLevel: 'error',
  customTags: (tags: Tags) =>
    tags.filter(
      (tag) => typeof tag === 'string' || (tag.format !== 'TIME' && !tag.tag.endsWith(':timestamp')),
    ),
} satisfies ParseOptions & DocumentOptions & SchemaOptions;

/** C0 controls other than tab, line feed and carriage return, and DEL. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

/** The one YAML document of the text, `undefined` for none, or why there is not exactly one. */
function readDocument(text: string): { value: unknown } | { error: string } {
  // YAML forbids control characters; a binary file is not a kubeconfig, whatever the parser makes of it.
  if (hasControlCharacters(text))
    return { error: 'cannot be parsed: it contains control characters, so it is not YAML text' };
  const docs = parseAllDocuments(text, yamlOptions);
  if (!Array.isArray(docs)) return { value: undefined };
  for (const doc of docs) {
    const [problem] = doc.errors;
    if (problem) return { error: `cannot be parsed: ${firstLine(problem)}` };
  }
  const values = docs.map((doc) => doc.toJS() as unknown).filter((v) => v !== null);
  if (values.length > 1) return { error: `holds ${values.length} YAML documents, expected one` };
  return { value: values[0] };
}

/**
 * Parses kubeconfig text as kubectl would accept it: empty means empty, anything but one YAML mapping
 * is an error. Relative file references (certificate files, `tokenFile`, an exec `command` with a path
 * separator) resolve against the file's folder; `*-data` fields are decoded. A malformed entry does not
 * spoil the file: it carries an `error` naming the entry and field.
 *
 * @example
 * const result = parseKubeconfig('/home/me/.kube/config', text);
 * if (!result.ok) console.error(`${result.path} ${result.error}`);
 */
export function parseKubeconfig(path: string, text: string): LoadKubeconfigResult {
  const fail = (error: string): LoadKubeconfigResult => ({ ok: false, path, problem: 'invalid', error });
  let document: { value: unknown } | { error: string };
  try {
    document = readDocument(text);
  } catch (err) {
    return fail(`cannot be parsed: ${firstLine(err)}`);
  }
  if ('error' in document) return fail(document.error);
  const top = kubeconfigSchema.safeParse(document.value ?? {});
  if (!top.success) return fail(`is not a kubeconfig: ${describeIssue(top.error)}`);

  const dir = dirname(path);
  const clusters = readSection(path, top.data.clusters, 'cluster', clusterSchema);
  if ('error' in clusters) return fail(`is not a kubeconfig: ${clusters.error}`);
  const users = readSection(path, top.data.users, 'user', userSchema);
  if ('error' in users) return fail(`is not a kubeconfig: ${users.error}`);
  const contexts = readSection(path, top.data.contexts, 'context', contextSchema);
  if ('error' in contexts) return fail(`is not a kubeconfig: ${contexts.error}`);

  const file: KubeconfigFile = {
    path,
    empty: document.value === undefined,
    clusters: clusters.entries.map(({ name, body, extensions, error }) => ({
      name,
      source: path,
      ...(body ? { config: toClusterConfig(body, dir) } : { error }),
      distribution: readDistributionExtension(extensions),
    })),
    users: users.entries.map(({ name, body, error }) => ({
      name,
      source: path,
      ...(body ? { config: toUserConfig(body, dir) } : { error }),
    })),
    contexts: contexts.entries.map(({ name, body, extensions, error }) => ({
      name,
      source: path,
      ...(body ? toContextRefs(body) : { error }),
      distribution: readDistributionExtension(extensions),
    })),
  };
  if (top.data['current-context']) file.currentContext = top.data['current-context'];
  return { ok: true, file };
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
    if (code === 'ENOENT') return { ok: false, path, problem: 'missing', error: 'does not exist' };
    const error =
      code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a folder' : firstLine(err);
    return { ok: false, path, problem: 'unreadable', error: `cannot be read: ${error}` };
  }
  return parseKubeconfig(path, text);
}
