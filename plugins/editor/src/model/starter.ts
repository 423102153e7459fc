/** What the Create page is opened with (from a list page's Create button), each checked. */
export interface CreateStart {
  /** A starter document for the kind, or `''` when none was asked for (or it was refused). */
  text: string;
  /** The namespace for objects without one; `undefined` when none was given (or it was refused). */
  namespace?: string;
  /** Why a given value was refused (nothing of it is used). */
  refused: string[];
}

// Deliberately narrow: only these characters reach the YAML text, so no value can add a line, a key or
// a YAML construct (quotes, `:`, `#`, flow brackets, newlines are all outside these sets).
const apiVersionPattern = /^(?:[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?\/)?v[0-9]+(?:(?:alpha|beta)[0-9]+)?$/;
const kindPattern = /^[A-Z][A-Za-z0-9]{0,62}$/;
const namespacePattern = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * The Create page's starting text and namespace from its URL query (`apiVersion`, `kind`, `namespace`,
 * `namespaced`). A value that is not a plain API version, kind or namespace name is refused, not
 * escaped: the text then has no starter and the reason is listed.
 *
 * @example
 * createStart(new URLSearchParams('apiVersion=v1&kind=ConfigMap&namespace=team-a'));
 * // { text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: new-configmap\n  namespace: team-a\n', namespace: 'team-a', refused: [] }
 */
export function createStart(query: URLSearchParams): CreateStart {
  const refused: string[] = [];
  const take = (key: string, pattern: RegExp, what: string) => {
    const value = query.get(key);
    if (value === null || value === '') return undefined;
    if (pattern.test(value)) return value;
    refused.push(`the ${key} in the address is not a valid ${what}; it was ignored`);
    return undefined;
  };
  const apiVersion = take('apiVersion', apiVersionPattern, 'API version');
  const kind = take('kind', kindPattern, 'kind');
  const namespace = take('namespace', namespacePattern, 'namespace name');
  const namespaced = query.get('namespaced') !== 'false';
  if (!apiVersion || !kind) return { text: '', ...(namespace && { namespace }), refused };
  const lines = [
    `apiVersion: ${apiVersion}`,
    `kind: ${kind}`,
    'metadata:',
    `  name: new-${kind.toLowerCase()}`,
    ...(namespaced && namespace ? [`  namespace: ${namespace}`] : []),
  ];
  return { text: `${lines.join('\n')}\n`, ...(namespace && { namespace }), refused };
}

/** Where a list page's Create goes. */
export interface CreateTarget {
  cluster: string;
  group: string;
  version: string;
  kind: string;
  namespaced: boolean;
  namespace?: string;
}

/**
 * The app path of the Create page opened for a kind (and a namespace), for `navigate`.
 *
 * @example
 * createHref({ cluster: 'prod', group: 'apps', version: 'v1', kind: 'Deployment', namespaced: true, namespace: 'web' });
 * // '/c/prod/create?apiVersion=apps%2Fv1&kind=Deployment&namespaced=true&namespace=web'
 */
export function createHref(target: CreateTarget): string {
  const query = new URLSearchParams({
    apiVersion: target.group ? `${target.group}/${target.version}` : target.version,
    kind: target.kind,
    namespaced: String(target.namespaced),
  });
  if (target.namespaced && target.namespace) query.set('namespace', target.namespace);
  return `/c/${encodeURIComponent(target.cluster)}/create?${query}`;
}
