import { StatusError } from '@porthole/protocol';
import { decodeJwt } from 'jose';
import type { ClusterCall } from './auth-mode.ts';
import { localPrincipal, type Principal } from './principal.ts';

/** Who the cluster says a token belongs to; `user` is empty when the cluster can't say (see below). */
export interface TokenIdentity {
  user: string;
  groups: string[];
  /** How it was found: `SelfSubjectReview`, `TokenReview`, or `SelfSubjectRulesReview` (accepted, unnamed). */
  via: 'SelfSubjectReview' | 'TokenReview' | 'SelfSubjectRulesReview';
}

const selfSubjectReviewVersions = ['v1', 'v1beta1', 'v1alpha1'];

function userInfoOf(body: unknown): { username: string; groups: string[] } | undefined {
  const info = (body as { status?: { userInfo?: { username?: unknown; groups?: unknown } } } | null)?.status
    ?.userInfo;
  if (typeof info?.username !== 'string' || info.username === '') return undefined;
  const groups = Array.isArray(info.groups)
    ? info.groups.filter((g): g is string => typeof g === 'string')
    : [];
  return { username: info.username, groups };
}

function refused(): StatusError {
  return StatusError.unauthorized('the cluster did not accept this token');
}

function unexpected(what: string, status: number): StatusError {
  return StatusError.internal(new Error(`the cluster answered ${status} to the ${what}`));
}

/** A service-account JWT's subject, for display only once the API server accepted the token. */
function subjectOf(token: string): string {
  try {
    const sub = decodeJwt(token).sub;
    return typeof sub === 'string' ? sub : '';
  } catch {
    return '';
  }
}

/**
 * Checks a pasted bearer token against a cluster and says whose it is: a `SelfSubjectReview` as the
 * token (authentication.k8s.io v1, v1beta1, v1alpha1; Kubernetes 1.26+); where the API server has none
 * (v1.20), a `TokenReview` with the context's own credentials when they may; else a
 * `SelfSubjectRulesReview` as the token, which only an authenticated token gets answered (the user is
 * then unnamed, or a service-account JWT's subject). Rejects with a 401 Status when the cluster refuses
 * the token, and passes on the call's Status when the cluster can't be reached.
 *
 * @example
 * const who = await reviewToken(call, 'prod', token); // { user: 'viewer', groups: [...], via: 'TokenReview' }
 */
export async function reviewToken(
  call: ClusterCall,
  contextName: string | undefined,
  token: string,
): Promise<TokenIdentity> {
  const asToken: Principal = { id: 'token-check', user: '', groups: [], upstream: { kind: 'bearer', token } };
  for (const version of selfSubjectReviewVersions) {
    const res = await call(asToken, contextName, {
      method: 'POST',
      path: `/apis/authentication.k8s.io/${version}/selfsubjectreviews`,
      body: { apiVersion: `authentication.k8s.io/${version}`, kind: 'SelfSubjectReview' },
    });
    if (res.status === 401) throw refused();
    // 404: not served by this API server; 403: served, but this user may not review itself.
    if (res.status === 404 || res.status === 403) continue;
    const info = res.status === 201 || res.status === 200 ? userInfoOf(res.body) : undefined;
    if (!info) throw unexpected('SelfSubjectReview', res.status);
    return { user: info.username, groups: info.groups, via: 'SelfSubjectReview' };
  }
  const review = await call(localPrincipal, contextName, {
    method: 'POST',
    path: '/apis/authentication.k8s.io/v1/tokenreviews',
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } },
  });
  if (review.status === 201 || review.status === 200) {
    const status = (review.body as { status?: { authenticated?: unknown } } | null)?.status;
    if (status?.authenticated !== true) throw refused();
    const info = userInfoOf({ status: { userInfo: (status as { user?: unknown }).user } });
    if (info) return { user: info.username, groups: info.groups, via: 'TokenReview' };
  }
  const rules = await call(asToken, contextName, {
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectRulesReview',
      spec: { namespace: 'default' },
    },
  });
  if (rules.status === 401) throw refused();
  // A 403 too means the token authenticated (an unauthenticated one gets 401), just without this right.
  if (![200, 201, 403].includes(rules.status)) throw unexpected('SelfSubjectRulesReview', rules.status);
  return { user: subjectOf(token), groups: [], via: 'SelfSubjectRulesReview' };
}
