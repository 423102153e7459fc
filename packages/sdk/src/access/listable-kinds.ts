import type { AccessReview } from './can-i.ts';
import { type RulesReviewResult, rulesAllow } from './rules-review.ts';

/** A kind as an access check needs it (a `DiscoveredResource` is one). */
export interface KindRef {
  /** `''` is the core group. */
  group: string;
  /** Plural resource name, e.g. `deployments`. */
  resource: string;
  namespaced: boolean;
}

/** Options of {@link findListableKinds}. */
export interface ListableKindsOptions<K extends KindRef> {
  access: Pick<AccessReview, 'canI'>;
  /** The SelfSubjectRulesReview of a namespace, e.g. `(ns) => reviewRules(http, cluster, ns)`. */
  rules: (namespace: string) => Promise<RulesReviewResult>;
  cluster: string;
  /** Where namespaced kinds are listed; `''` means across all namespaces (a cluster-wide list). */
  namespace: string;
  kinds: readonly K[];
}

/**
 * The kinds the person may list, in the order given: namespaced kinds in `namespace` (all namespaces
 * when `''`), cluster-scoped kinds cluster-wide. One SelfSubjectAccessReview first (someone who may list
 * everything, an admin, needs nothing more); then one SelfSubjectRulesReview of the namespace answers for
 * its namespaced kinds. Its rules include those of RoleBindings, which grant nothing cluster-wide, so a
 * cluster-wide question the rules allow is confirmed by a SelfSubjectAccessReview (cached by `access`);
 * one the complete rules don't allow is not asked at all. A kind whose review fails is kept: its list
 * page says what happens there, better than hiding a kind the person may well use.
 *
 * @example
 * const kinds = await findListableKinds({
 *   access: createAccessReview(http),
 *   rules: (ns) => reviewRules(http, 'team-a@prod', ns),
 *   cluster: 'team-a@prod',
 *   namespace: 'team-a',
 *   kinds: await discovery.resources('team-a@prod'),
 * }); // pods, deployments, ... of team-a; no nodes
 */
export async function findListableKinds<K extends KindRef>(options: ListableKindsOptions<K>): Promise<K[]> {
  const { access, cluster, namespace, kinds } = options;
  const ask = (kind: KindRef | { group: string; resource: string }, ns?: string) =>
    access.canI(cluster, 'list', { group: kind.group, resource: kind.resource }, ns).then(
      (decision) => decision.allowed,
      () => true,
    );
  if (
    await access.canI(cluster, 'list', { group: '*', resource: '*' }).then(
      (d) => d.allowed,
      () => false,
    )
  )
    return [...kinds];
  // The cluster-wide rules are in every namespace's review: `default` stands for "all namespaces".
  const review = await options.rules(namespace || 'default').catch(() => undefined);
  const answers = await Promise.all(
    kinds.map((kind) => {
      const inNamespace = kind.namespaced && namespace !== '';
      if (!review) return ask(kind, inNamespace ? namespace : undefined);
      const allowed = rulesAllow(review.rules, 'list', kind.group, kind.resource);
      if (allowed && inNamespace) return true;
      if (!allowed && !review.incomplete) return false;
      return ask(kind, inNamespace ? namespace : undefined);
    }),
  );
  return kinds.filter((_, i) => answers[i]);
}
