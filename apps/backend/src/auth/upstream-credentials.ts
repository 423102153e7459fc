import type { ResolvedContext } from '../clusters/resolved-context.ts';

/** TLS settings for connections to one cluster (PEM text, never paths). */
export interface UpstreamTls {
  ca?: string;
  cert?: string;
  key?: string;
  servername?: string;
  rejectUnauthorized: boolean;
}

/** Request headers by lower-case name; a list is sent as several header lines (`Impersonate-Group`). */
export type HeaderValues = Record<string, string | string[]>;

/** What the proxy attaches to every upstream request of one context. */
export interface UpstreamCredentials {
  /** Headers to set upstream, e.g. `Authorization: Bearer ...` or `Basic ...`. */
  headers: HeaderValues;
  tls: UpstreamTls;
  /**
   * True when the credential can be produced anew (exec plugin, OIDC refresh, token file): after an
   * upstream 401 the proxy calls {@link CredentialProvider.invalidate} and retries the request once.
   */
  renewable: boolean;
}

/**
 * Produces the credentials of a context, server-side. Rejects with a `StatusError` 401 whose message
 * says why when it can't (exec plugin failed — with its stderr, OIDC token expired and not refreshable,
 * unreadable key file).
 *
 * @example
 * const creds = await provider.credentialsFor(context);
 * // upstream 401 -> provider.invalidate(context, creds); creds = await provider.credentialsFor(context)
 */
export interface CredentialProvider {
  credentialsFor(context: ResolvedContext): Promise<UpstreamCredentials>;
  /**
   * The upstream answered 401 to `used`: forget it so the next `credentialsFor` produces a new one
   * (re-runs the exec plugin once even when many requests saw the 401 together).
   */
  invalidate(context: ResolvedContext, used: UpstreamCredentials): void;
}
