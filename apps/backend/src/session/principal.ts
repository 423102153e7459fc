import { createHash } from 'node:crypto';

/** How a principal's requests reach a cluster. */
export type PrincipalUpstream =
  /** Local mode: the context's own kubeconfig credentials. */
  | { kind: 'kubeconfig' }
  /** Token and OIDC modes: the person's bearer token replaces the context's identity (its TLS stays). */
  | {
      kind: 'bearer';
      token: string;
      /**
       * OIDC: resolves a token valid now, refreshing first when it is due (a WebSocket outlives the
       * id-token it was opened with and never gets a new cookie). Absent: `token` is used as is.
       */
      current?: () => Promise<string>;
    }
  /** Proxy mode: the context's credentials plus `Impersonate-User` / `Impersonate-Group`. */
  | { kind: 'impersonate'; user: string; groups: string[] };

/**
 * Who a browser session acts as. `id` is stable for the same person and credential, and never contains
 * a secret: the multiplexer shares an upstream watch only between sockets whose principals have the same
 * `id`. `upstream` may hold a token: it never leaves the server.
 *
 * @example
 * const alice: Principal = {
 *   id: principalId('oidc', 'alice', ['team-a']),
 *   user: 'alice',
 *   groups: ['team-a'],
 *   upstream: { kind: 'bearer', token: idToken },
 * };
 */
export interface Principal {
  id: string;
  /** Shown in the top bar. */
  user: string;
  groups: string[];
  upstream: PrincipalUpstream;
}

/**
 * The principal of local mode: one person, the kubeconfig's credentials, no login.
 *
 * @example
 * credentials.credentialsFor(context, localPrincipal);
 */
export const localPrincipal: Principal = Object.freeze({
  id: 'local',
  user: '',
  groups: [],
  upstream: Object.freeze({ kind: 'kubeconfig' }),
}) as Principal;

/**
 * A principal id from what the cluster said about the person: the mode, the user name and a digest of
 * the groups (two sessions of one user with the same groups have the same rights, so they may share an
 * upstream watch). `discriminator` separates people the cluster did not name (e.g. a digest of their
 * token), so they never share.
 *
 * @example
 * principalId('proxy', 'alice', ['team-a']); // 'proxy:alice#3f1c...'
 */
export function principalId(
  mode: string,
  user: string,
  groups: readonly string[],
  discriminator = '',
): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([[...groups].sort(), discriminator]))
    .digest('base64url')
    .slice(0, 22);
  return `${mode}:${user}#${digest}`;
}

/**
 * A one-way digest of a secret (a bearer token), safe to use in an id or a map key.
 *
 * @example
 * principalId('token', '', [], secretDigest(token));
 */
export function secretDigest(secret: string): string {
  return createHash('sha256').update(`porthole-principal\0${secret}`).digest('base64url');
}
