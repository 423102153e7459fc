import type { KubeObject } from '@porthole/sdk';
import { isMap, isSeq, LineCounter, parseDocument, stringify } from 'yaml';

/** What the editor shows of an object: without `status` and, unless asked for, `metadata.managedFields`. */
export function editableObject(object: KubeObject, options: { managedFields?: boolean } = {}): KubeObject {
  const { status: _status, ...rest } = object as KubeObject & { status?: unknown };
  if (options.managedFields) return rest as KubeObject;
  const { managedFields: _managed, ...metadata } = object.metadata;
  return { ...rest, metadata } as KubeObject;
}

/** An object as the YAML a person reads and edits (keys in the object's order, no line folding). */
export function objectYaml(object: unknown): string {
  return stringify(object, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** A YAML problem at a place in the text (1-based line and column). */
export interface YamlProblem {
  line: number;
  column: number;
  message: string;
}

/** The outcome of {@link parseObjectYaml}. */
export type ParsedObject = { ok: true; object: KubeObject } | { ok: false; problem: YamlProblem };

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/**
 * Reads the editor's text as one Kubernetes object. Syntax errors and non-objects are problems with a
 * line and column, never exceptions.
 *
 * @example
 * parseObjectYaml('kind: [');  // { ok: false, problem: { line: 1, column: 7, message: '...' } }
 */
export function parseObjectYaml(text: string): ParsedObject {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const pos = lineCounter.linePos(error.pos[0]);
    return { ok: false, problem: { line: pos.line, column: pos.col, message: firstLine(error.message) } };
  }
  if (!isMap(doc.contents)) {
    const where = isSeq(doc.contents) ? 'a list' : 'not a mapping';
    return {
      ok: false,
      problem: { line: 1, column: 1, message: `the document is ${where}; expected one object` },
    };
  }
  let object: KubeObject;
  try {
    object = doc.toJS({ maxAliasCount: 100 }) as KubeObject;
  } catch (err) {
    return { ok: false, problem: { line: 1, column: 1, message: firstLine(String((err as Error).message)) } };
  }
  if (object.metadata === null || typeof object.metadata !== 'object' || Array.isArray(object.metadata))
    return { ok: false, problem: { line: 1, column: 1, message: 'the object has no metadata mapping' } };
  return { ok: true, object };
}

/**
 * Why an edit may not be sent as an update of `base`: a changed name, namespace, kind or apiVersion
 * would address another object. `undefined` when the identity is unchanged.
 *
 * @example
 * identityChange(base, { ...base, metadata: { ...base.metadata, name: 'other' } });
 * // 'metadata.name changed from "a" to "other": an edit can't rename an object (create a new one instead)'
 */
export function identityChange(base: KubeObject, mine: KubeObject): string | undefined {
  const fields: [string, unknown, unknown][] = [
    ['apiVersion', base.apiVersion, mine.apiVersion],
    ['kind', base.kind, mine.kind],
    ['metadata.name', base.metadata.name, mine.metadata.name],
    ['metadata.namespace', base.metadata.namespace, mine.metadata.namespace],
  ];
  for (const [field, before, after] of fields) {
    if ((before ?? '') === (after ?? '')) continue;
    const what =
      field === 'metadata.name' ? 'rename an object' : `change an object's ${field.replace('metadata.', '')}`;
    return `${field} changed from ${JSON.stringify(before ?? '')} to ${JSON.stringify(after ?? '')}: an edit can't ${what} (create a new one instead)`;
  }
  return undefined;
}

/** The object's namespace, `undefined` for cluster-scoped objects. */
export function namespaceOf(object: KubeObject): string | undefined {
  const namespace = object.metadata.namespace;
  return typeof namespace === 'string' && namespace !== '' ? namespace : undefined;
}

/**
 * A plain copy of an object from a watch, with `apiVersion` and `kind` filled in from where it was
 * watched (items of a list or watch carry neither) so it can be written back and compared with what a
 * GET returns.
 *
 * @example
 * withTypeMeta(context.object(), { group: 'apps', version: 'v1', kind: 'Deployment' });
 */
export function withTypeMeta(
  object: KubeObject,
  type: { group: string; version: string; kind: string },
): KubeObject {
  const plain = JSON.parse(JSON.stringify(object)) as KubeObject;
  const apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
  return { apiVersion: plain.apiVersion ?? apiVersion, kind: plain.kind ?? type.kind, ...plain };
}
