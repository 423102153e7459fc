import type { KubeObject } from '@porthole/sdk';
import { isMap, isScalar, LineCounter, parseAllDocuments } from 'yaml';

/** The largest text or file Create from YAML takes. */
export const maxCreateBytes = 4 * 1024 * 1024;

/** One object to create, from document `index` (items of a `kind: List` count one each). */
export interface CreateDocument {
  index: number;
  /** 1-based line where its document starts. */
  line: number;
  object?: KubeObject;
  /** Why it can't be sent (YAML error, not an object, no kind/apiVersion/name). */
  problem?: string;
}

function describeObject(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'is not a YAML mapping';
  const o = value as Record<string, unknown>;
  if (typeof o.apiVersion !== 'string' || o.apiVersion === '') return 'has no apiVersion';
  if (typeof o.kind !== 'string' || o.kind === '') return 'has no kind';
  const metadata = o.metadata as Record<string, unknown> | undefined;
  if (!metadata || typeof metadata !== 'object') return 'has no metadata';
  if (typeof metadata.name !== 'string' && typeof metadata.generateName !== 'string')
    return 'has no metadata.name';
  return undefined;
}

/**
 * The objects of a Create from YAML text: every `---` document, the items of a `kind: List` expanded,
 * empty documents skipped. A document that can't be used is kept with its problem, so the person sees a
 * result for each.
 *
 * @example
 * createDocuments('kind: ConfigMap\n...\n---\nkind: Secret\n...'); // [{ index: 0, ... }, { index: 1, ... }]
 */
export function createDocuments(text: string): CreateDocument[] {
  if (new TextEncoder().encode(text).length > maxCreateBytes)
    return [{ index: 0, line: 1, problem: `the text is larger than ${maxCreateBytes / 1024 / 1024} MiB` }];
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const result: CreateDocument[] = [];
  for (const doc of list) {
    const line = lineCounter.linePos(doc.range[0]).line;
    const push = (entry: Omit<CreateDocument, 'index' | 'line'>) =>
      result.push({ index: result.length, line, ...entry });
    const error = doc.errors[0];
    if (error) {
      const at = lineCounter.linePos(error.pos[0]);
      push({
        problem: `YAML error at line ${at.line}, column ${at.col}: ${error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`,
      });
      continue;
    }
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      push({ problem: err instanceof Error ? err.message : String(err) });
      continue;
    }
    const o = value as Record<string, unknown>;
    if (
      isMap(doc.contents) &&
      typeof o.kind === 'string' &&
      o.kind.endsWith('List') &&
      Array.isArray(o.items)
    ) {
      for (const item of o.items) {
        const problem = describeObject(item);
        push(problem ? { problem: `a list item ${problem}` } : { object: item as KubeObject });
      }
      continue;
    }
    const problem = describeObject(value);
    push(problem ? { problem: `the document ${problem}` } : { object: value as KubeObject });
  }
  return result;
}

/** `ConfigMap default/a` for a result line. */
export function documentLabel(doc: CreateDocument): string {
  if (!doc.object) return `Document ${doc.index + 1} (line ${doc.line})`;
  const { kind, metadata } = doc.object as KubeObject & { kind?: string };
  const ns = typeof metadata.namespace === 'string' ? `${metadata.namespace}/` : '';
  return `${kind ?? ''} ${ns}${metadata.name ?? metadata.generateName ?? ''}`;
}
