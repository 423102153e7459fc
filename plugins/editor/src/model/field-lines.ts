import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';

/** One step of a field path: a key, or a list index. */
export type FieldStep = string | number;

/**
 * The steps of a field as the API server names it in a 422's causes: `spec.template.spec.containers[0].name`,
 * `metadata.labels[app.kubernetes.io/name]`, `data[my.key]`.
 *
 * @example
 * fieldSteps('spec.containers[0].name'); // ['spec', 'containers', 0, 'name']
 */
export function fieldSteps(field: string): FieldStep[] {
  const steps: FieldStep[] = [];
  const pattern = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (const match of field.matchAll(pattern)) {
    if (match[1] !== undefined) steps.push(match[1]);
    else if (match[2] !== undefined) steps.push(/^\d+$/.test(match[2]) ? Number(match[2]) : match[2]);
  }
  return steps;
}

/** Where a field is in the text: 1-based line; `exact` false when only a parent of the field was found. */
export interface FieldLocation {
  line: number;
  /** The character offsets of the line's field (key through value), for an editor's marks. */
  from: number;
  to: number;
  exact: boolean;
}

/**
 * The line of a field in YAML text: the deepest existing part of `field` (a missing field points at its
 * parent), `undefined` when the text does not parse or holds none of it.
 *
 * @example
 * fieldLocation('spec:\n  replicas: x\n', 'spec.replicas'); // { line: 2, from: 8, to: 19, exact: true }
 */
export function fieldLocation(text: string, field: string): FieldLocation | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) return undefined;
  let node: unknown = doc.contents;
  let found: { from: number; to: number } | undefined;
  const steps = fieldSteps(field);
  let exact = true;
  for (const step of steps) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) {
        exact = false;
        break;
      }
      const key = pair.key as Node;
      const value = pair.value as Node | null;
      found = { from: key.range?.[0] ?? 0, to: value?.range?.[1] ?? key.range?.[1] ?? 0 };
      node = value;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as Node | undefined;
      if (!item) {
        exact = false;
        break;
      }
      found = { from: item.range?.[0] ?? 0, to: item.range?.[1] ?? 0 };
      node = item;
    } else {
      exact = false;
      break;
    }
  }
  if (!found) return undefined;
  return { line: lineCounter.linePos(found.from).line, from: found.from, to: found.to, exact };
}

/** Offsets of a 1-based line, for pinning a problem to it. */
export function lineRange(text: string, line: number): { from: number; to: number } {
  let from = 0;
  for (let i = 1; i < line; i++) {
    const next = text.indexOf('\n', from);
    if (next < 0) break;
    from = next + 1;
  }
  const end = text.indexOf('\n', from);
  return { from, to: end < 0 ? text.length : end };
}
