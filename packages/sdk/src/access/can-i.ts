import type { HttpClient } from '../http/http-client.ts';
import { clusterPath } from '../http/resource-path.ts';

/** What an access check is about: a resource of a group ('' is the core group), optionally a subresource or one name. */
export interface AccessTarget {
  group: string;
  /** Plural resource name, e.g. `deployments`. */
  resource: string;
  subresource?: string;
  name?: string;
}

/** The answer of a SelfSubjectAccessReview. */
export interface AccessDecision {
  allowed: boolean;
  /** The authorizer's reason when it gave one (RBAC gives one for allowed requests, rarely for denials). */
  reason?: string;
  /** A one-line explanation for people, e.g. `you may not update deployments.apps in namespace web`. */
  explanation: string;
}

/** `canI` with a short per-cluster cache; see {@link createAccessReview}. */
export interface AccessReview {
  /**
   * Asks the cluster whether the current user may `verb` the resource (in `namespace`, or cluster-wide
   * when omitted). A failing review (network, 403 on the review itself) rejects with the StatusError.
   */
  canI(
    cluster: string,
    verb: string,
    resource: AccessTarget | string,
    namespace?: string,
  ): Promise<AccessDecision>;
  /** Forgets cached answers (of one cluster, or all). */
  invalidate(cluster?: string): void;
}

/** Options of {@link createAccessReview}. */
export interface AccessReviewOptions {
  /** How long an answer is reused; default 30 s (RBAC changes are seen within that). */
  ttlMs?: number;
  /** The clock; default `Date.now`. */
  now?: () => number;
}

interface ReviewResponse {
  status?: { allowed?: boolean; denied?: boolean; reason?: string };
}

/** `deployments.apps` → `{ group: 'apps', resource: 'deployments' }`; `pods/log` → subresource `log`. */
function targetOf(resource: AccessTarget | string): AccessTarget {
  if (typeof resource !== 'string') return resource;
  const [plural = '', subresource] = resource.split('/');
  const dot = plural.indexOf('.');
  const target: AccessTarget =
    dot < 0
      ? { group: '', resource: plural }
      : { group: plural.slice(dot + 1), resource: plural.slice(0, dot) };
  return subresource ? { ...target, subresource } : target;
}

function describe(
  verb: string,
  target: AccessTarget,
  namespace: string | undefined,
  allowed: boolean,
): string {
  const what =
    (target.group ? `${target.resource}.${target.group}` : target.resource) +
    (target.subresource ? `/${target.subresource}` : '');
  const named = target.name ? ` "${target.name}"` : '';
  const where = namespace ? ` in namespace ${namespace}` : ' cluster-wide';
  return `you ${allowed ? 'may' : 'may not'} ${verb} ${what}${named}${where}`;
}

/**
 * Access checks by SelfSubjectAccessReview (the `kubectl auth can-i` of the SDK), cached per cluster for
 * a short while so a page can ask for every button it draws. Use it to turn a control the user may not
 * use into a read-only one that says why, instead of a write that fails with 403.
 *
 * @example
 * const access = createAccessReview(http);
 * const { allowed, explanation } = await access.canI('prod', 'update', 'deployments.apps', 'web');
 * if (!allowed) showReadOnly(explanation); // "you may not update deployments.apps in namespace web"
 */
export function createAccessReview(http: HttpClient, options: AccessReviewOptions = {}): AccessReview {
  const ttlMs = options.ttlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, Map<string, { at: number; decision: Promise<AccessDecision> }>>();
  return {
    canI(cluster, verb, resource, namespace) {
      const target = targetOf(resource);
      const key = JSON.stringify([
        verb,
        target.group,
        target.resource,
        target.subresource,
        target.name,
        namespace,
      ]);
      const perCluster = cache.get(cluster) ?? new Map();
      cache.set(cluster, perCluster);
      const hit = perCluster.get(key);
      if (hit && now() - hit.at < ttlMs) return hit.decision;
      const decision = http
        .request<ReviewResponse>({
          method: 'POST',
          path: clusterPath(cluster, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews'),
          body: {
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SelfSubjectAccessReview',
            spec: {
              resourceAttributes: {
                verb,
                group: target.group,
                resource: target.resource,
                ...(target.subresource ? { subresource: target.subresource } : {}),
                ...(target.name ? { name: target.name } : {}),
                ...(namespace ? { namespace } : {}),
              },
            },
          },
        })
        .then((review): AccessDecision => {
          const allowed = review.status?.allowed === true && review.status.denied !== true;
          const reason = review.status?.reason || undefined;
          return {
            allowed,
            ...(reason ? { reason } : {}),
            explanation: describe(verb, target, namespace, allowed),
          };
        });
      const entry = { at: now(), decision };
      perCluster.set(key, entry);
      // A failed review is not cached: the next call asks again.
      decision.catch(() => {
        if (perCluster.get(key) === entry) perCluster.delete(key);
      });
      return decision;
    },
    invalidate(cluster) {
      if (cluster === undefined) cache.clear();
      else cache.delete(cluster);
    },
  };
}
