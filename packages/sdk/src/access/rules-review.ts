import type { HttpClient } from '../http/http-client.ts';
import { clusterPath } from '../http/resource-path.ts';

/** One resource rule of a SelfSubjectRulesReview (`*` means any). */
export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  /** When set, the rule covers only these names (so it never allows listing the kind). */
  resourceNames?: string[];
}

/** What a SelfSubjectRulesReview says a person may do in a namespace. */
export interface RulesReviewResult {
  rules: ResourceRule[];
  /**
   * True when the authorizer could not list everything (a webhook authorizer, an unreadable binding):
   * a kind the rules don't name may still be allowed.
   */
  incomplete: boolean;
}

interface RulesReviewResponse {
  status?: { resourceRules?: ResourceRule[]; incomplete?: boolean };
}

/**
 * The rules that apply to the current person in `namespace` (the cluster-wide ones included), by one
 * SelfSubjectRulesReview: one round trip tells which of many kinds they may list there.
 *
 * @example
 * const { rules } = await reviewRules(http, 'team-a@prod', 'team-a');
 * rulesAllow(rules, 'list', 'apps', 'deployments'); // true
 */
export async function reviewRules(
  http: HttpClient,
  cluster: string,
  namespace: string,
): Promise<RulesReviewResult> {
  const review = await http.request<RulesReviewResponse>({
    method: 'POST',
    path: clusterPath(cluster, '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews'),
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectRulesReview',
      spec: { namespace },
    },
  });
  return { rules: review.status?.resourceRules ?? [], incomplete: review.status?.incomplete === true };
}

const names = (list: readonly string[] | undefined, value: string) =>
  list?.some((entry) => entry === '*' || entry === value) === true;

/**
 * Whether `rules` allow `verb` on every object of a resource (a rule narrowed to names does not).
 *
 * @example
 * rulesAllow([{ verbs: ['list'], apiGroups: [''], resources: ['pods'] }], 'list', '', 'pods'); // true
 */
export function rulesAllow(
  rules: readonly ResourceRule[],
  verb: string,
  group: string,
  resource: string,
): boolean {
  return rules.some(
    (rule) =>
      !rule.resourceNames?.length &&
      names(rule.verbs, verb) &&
      names(rule.apiGroups, group) &&
      names(rule.resources, resource),
  );
}
