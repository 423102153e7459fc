import type { AccessReview, AccessTarget } from './can-i.ts';

/** Options of {@link findUsableNamespaces}. */
export interface UsableNamespacesOptions {
  access: Pick<AccessReview, 'canI'>;
  cluster: string;
  /**
   * The namespaces to ask about, e.g. the kubeconfig context's `namespace`, `default`, the one the page
   * shows. Blanks and repeats are ignored.
   */
  candidates: readonly string[];
  /** What the person wants to do in a namespace; default `list`. */
  verb?: string;
  /** What they want to do it to, e.g. `'secrets'` or `{ group: 'batch', resource: 'cronjobs' }`. */
  target: AccessTarget | string;
}

/**
 * The candidates in which the person may `verb` the target, sorted, by one SelfSubjectAccessReview per
 * candidate (cached by `access`). For someone who may not list namespaces: the API server has no "which
 * namespaces may I use" call (SelfSubjectRulesReview is itself namespaced and needs a namespace to ask
 * about, and on a 1.20 server a SelfSubjectAccessReview per namespace is the same one round trip), so a
 * page asks about the namespaces it can name: the context's, `default`, the one in the URL. A candidate
 * whose review fails (the review itself refused, the network) is kept: the list page will say what
 * happens there, which is better than hiding a namespace the person may well use.
 *
 * @example
 * const access = createAccessReview(http);
 * await findUsableNamespaces({ access, cluster: 'team-a@prod', candidates: ['team-a', 'default'], target: 'pods' });
 * // ['team-a']
 */
export async function findUsableNamespaces(options: UsableNamespacesOptions): Promise<string[]> {
  const verb = options.verb ?? 'list';
  const candidates = [...new Set(options.candidates.map((c) => c.trim()).filter((c) => c !== ''))];
  const answers = await Promise.all(
    candidates.map((namespace) =>
      options.access.canI(options.cluster, verb, options.target, namespace).then(
        (decision) => decision.allowed,
        () => true,
      ),
    ),
  );
  return candidates.filter((_, i) => answers[i]).sort();
}

const irregular: Record<string, string> = { Endpoints: 'Endpoints' };

/**
 * A kind's plural for people, in the kind's own capitals: `Secret` → `Secrets`, `Ingress` →
 * `Ingresses`, `NetworkPolicy` → `NetworkPolicies`, `Endpoints` → `Endpoints`. When the kind is not
 * known yet, the resource's plural with a capital (`secrets` → `Secrets`).
 *
 * @example
 * pluralKind('ConfigMap'); // 'ConfigMaps'
 * pluralKind(undefined, 'cronjobs'); // 'Cronjobs'
 */
export function pluralKind(kind: string | undefined, resource = ''): string {
  if (!kind) return resource.charAt(0).toUpperCase() + resource.slice(1);
  const known = irregular[kind];
  if (known) return known;
  if (/(s|x|z|ch|sh)$/.test(kind)) return `${kind}es`;
  if (/[^aeiou]y$/i.test(kind)) return `${kind.slice(0, -1)}ies`;
  return `${kind}s`;
}
