/**
 * One requirement of a label selector. `=`/`==` parse as `in` with one value and `!=` as `notin`, as in
 * apimachinery's `labels.Parse`.
 */
export type LabelRequirement =
  | { key: string; operator: 'exists' | 'notexists' }
  | { key: string; operator: 'in' | 'notin'; values: readonly string[] }
  | { key: string; operator: 'gt' | 'lt'; value: number };

/** A parsed selector, or what is wrong with the text. */
export type LabelSelectorResult =
  | { ok: true; requirements: readonly LabelRequirement[] }
  | { ok: false; message: string };

const namePart = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function keyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length > 253 || !dnsSubdomain.test(prefix)))
    return `"${key}": the prefix must be a DNS subdomain`;
  if (name.length > 63 || !namePart.test(name))
    return `"${key}": a label key is alphanumeric with - _ . inside, at most 63 characters`;
  return undefined;
}

function valueProblem(value: string): string | undefined {
  if (value === '' || (value.length <= 63 && namePart.test(value))) return undefined;
  return `"${value}": a label value is alphanumeric with - _ . inside, at most 63 characters`;
}

/** Words, and the punctuation a selector is made of. */
function tokenize(text: string): string[] {
  return text.match(/==|!=|[(),=!<>]|[^\s(),=!<>]+/g) ?? [];
}

/**
 * Parses a Kubernetes label selector (`app=web,tier!=db`, `env in (a,b)`, `!canary`, `replicas>2`).
 *
 * @example
 * parseLabelSelector('app=web, !canary');
 * // { ok: true, requirements: [{ key: 'app', operator: 'in', values: ['web'] }, { key: 'canary', operator: 'notexists' }] }
 */
export function parseLabelSelector(text: string): LabelSelectorResult {
  const tokens = tokenize(text);
  const requirements: LabelRequirement[] = [];
  let at = 0;
  const fail = (message: string): LabelSelectorResult => ({ ok: false, message });
  const word = () => {
    const token = tokens[at];
    if (token === undefined || /^(==|!=|[(),=!<>])$/.test(token)) return undefined;
    at += 1;
    return token;
  };
  while (at < tokens.length) {
    const negated = tokens[at] === '!';
    if (negated) at += 1;
    const key = word();
    if (key === undefined)
      return fail(`expected a label key at "${tokens.slice(at).join(' ') || 'the end'}"`);
    const keyError = keyProblem(key);
    if (keyError) return fail(keyError);
    const op = tokens[at];
    if (negated || op === undefined || op === ',') {
      requirements.push({ key, operator: negated ? 'notexists' : 'exists' });
    } else if (op === '=' || op === '==' || op === '!=') {
      at += 1;
      const value = word() ?? '';
      const problem = valueProblem(value);
      if (problem) return fail(problem);
      requirements.push({ key, operator: op === '!=' ? 'notin' : 'in', values: [value] });
    } else if (op === 'in' || op === 'notin') {
      at += 1;
      if (tokens[at] !== '(') return fail(`expected ( after "${key} ${op}"`);
      at += 1;
      const values: string[] = [];
      while (tokens[at] !== ')') {
        const value = word();
        if (value === undefined) return fail(`expected a value or ) in "${key} ${op} (...)"`);
        const problem = valueProblem(value);
        if (problem) return fail(problem);
        values.push(value);
        if (tokens[at] === ',') at += 1;
        else if (tokens[at] !== ')') return fail(`expected , or ) in "${key} ${op} (...)"`);
      }
      at += 1;
      requirements.push({ key, operator: op, values });
    } else if (op === '<' || op === '>') {
      at += 1;
      const value = word();
      if (value === undefined || !/^-?\d+$/.test(value)) return fail(`"${key} ${op}" needs an integer`);
      requirements.push({ key, operator: op === '>' ? 'gt' : 'lt', value: Number(value) });
    } else {
      return fail(`unexpected "${op}" after "${key}"`);
    }
    if (at < tokens.length) {
      if (tokens[at] !== ',') return fail(`expected , before "${tokens[at]}"`);
      at += 1;
      if (at === tokens.length) return fail('a selector cannot end with ,');
    }
  }
  return { ok: true, requirements };
}

/**
 * True when `labels` satisfy every requirement (an empty selector matches everything).
 *
 * @example
 * const parsed = parseLabelSelector('app=web');
 * parsed.ok && matchesLabelSelector(parsed.requirements, { app: 'web' }); // true
 */
export function matchesLabelSelector(
  requirements: readonly LabelRequirement[],
  labels: Readonly<Record<string, string>>,
): boolean {
  return requirements.every((r) => {
    const has = Object.hasOwn(labels, r.key);
    const value = labels[r.key] ?? '';
    if (r.operator === 'exists') return has;
    if (r.operator === 'notexists') return !has;
    if (r.operator === 'in') return has && r.values.includes(value);
    if (r.operator === 'notin') return !has || !r.values.includes(value);
    if (!('value' in r) || !has || !/^-?\d+$/.test(value)) return false;
    return r.operator === 'gt' ? Number(value) > r.value : Number(value) < r.value;
  });
}
