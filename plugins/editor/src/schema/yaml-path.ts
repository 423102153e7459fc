/** A step of a path into an object: a key, or 0 for "an item of this list" (schemas don't care which). */
export type PathStep = string | number;

interface LineShape {
  indent: number;
  dash: boolean;
  /** The key of a `key:` line whose value is a nested block (nothing after the colon). */
  blockKey?: string;
  blank: boolean;
}

function shape(line: string): LineShape {
  const m = /^(\s*)(- +)?(.*)$/.exec(line) as RegExpExecArray;
  const rest = (m[3] ?? '').trimEnd();
  const blank = rest === '' || rest.startsWith('#');
  const key = /^("[^"]*"|'[^']*'|[^\s:#'"][^:#]*?):(\s+#.*)?$/.exec(rest)?.[1];
  const unquoted = key?.replace(/^["'](.*)["']$/, '$1');
  return {
    indent: (m[1] ?? '').length,
    dash: m[2] !== undefined,
    ...(unquoted !== undefined ? { blockKey: unquoted } : {}),
    blank: blank && m[2] === undefined,
  };
}

/**
 * The path of the mapping the cursor is in (where a key typed now would go), read from indentation as
 * a person writes block YAML; list items are step 0. Works on half-typed text that does not parse yet.
 *
 * @example
 * mappingPathAt(['spec:', '  template:', '    spec:', '      containers:', '        - name: a', '          im'], 5, 12);
 * // ['spec', 'template', 'spec', 'containers', 0]
 */
export function mappingPathAt(lines: readonly string[], line: number, column: number): PathStep[] {
  const before = (lines[line] ?? '').slice(0, column);
  const m = /^(\s*)(- +)?/.exec(before) as RegExpExecArray;
  const steps: PathStep[] = [];
  let mode: 'map' | 'list' = 'map';
  let target = (m[1] ?? '').length;
  let listIndent = 0;
  if (m[2] !== undefined) {
    steps.unshift(0);
    mode = 'list';
    listIndent = target;
  }
  for (let j = line - 1; j >= 0; j--) {
    const s = shape(lines[j] ?? '');
    if (s.blank) continue;
    if (mode === 'map') {
      if (s.dash && s.indent + 2 === target) {
        steps.unshift(0);
        mode = 'list';
        listIndent = s.indent;
      } else if (s.dash && s.indent + 2 < target && s.blockKey !== undefined) {
        steps.unshift(0, s.blockKey);
        mode = 'list';
        listIndent = s.indent;
      } else if (!s.dash && s.indent < target && s.blockKey !== undefined) {
        steps.unshift(s.blockKey);
        target = s.indent;
      }
    } else if (!s.dash && s.indent <= listIndent && s.blockKey !== undefined) {
      steps.unshift(s.blockKey);
      target = s.indent;
      mode = 'map';
    } else if (s.dash && s.indent < listIndent && s.blockKey !== undefined) {
      steps.unshift(0, s.blockKey);
      listIndent = s.indent;
    }
    if (mode === 'map' && target === 0) break;
  }
  return steps;
}

/** The key a position is on (`  replicas: 3` with the cursor in `replicas`), with where it is. */
export function keyAt(
  lineText: string,
  column: number,
): { key: string; from: number; to: number } | undefined {
  const m = /^(\s*(?:- +)?)([^\s:#'"][^:#]*?):(\s|$)/.exec(lineText);
  if (!m) return undefined;
  const from = (m[1] ?? '').length;
  const to = from + (m[2] ?? '').length;
  if (column < from || column > to) return undefined;
  return { key: m[2] ?? '', from, to };
}

/** `spec.template.spec.containers[0].name`, keys with dots or slashes in brackets (`labels[app.kubernetes.io/name]`). */
export function fieldOfPath(path: readonly PathStep[]): string {
  let field = '';
  for (const step of path) {
    if (typeof step === 'number') field += `[${step}]`;
    else if (/^[\w-]+$/.test(step)) field += field === '' ? step : `.${step}`;
    else field += `[${step}]`;
  }
  return field;
}
