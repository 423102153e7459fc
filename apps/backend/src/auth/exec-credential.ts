import type { ClusterConfig } from '../clusters/resolved-context.ts';
import { CredentialFailure } from './credential-failure.ts';

/** The exec credential API versions Porthole speaks (client-go dropped `v1alpha1` in 1.24). */
export const execCredentialApiVersions = [
  'client.authentication.k8s.io/v1',
  'client.authentication.k8s.io/v1beta1',
] as const;

/** What a plugin run produced: a token or a client certificate, and maybe when it expires. */
export interface ExecCredentialResult {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  /** Milliseconds since the epoch; absent when the credential does not expire. */
  expiresAt?: number;
}

/** The cluster as a plugin sees it in `KUBERNETES_EXEC_INFO` when `provideClusterInfo` is set. */
export interface ExecClusterInfo {
  server: string;
  'tls-server-name'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'certificate-authority-data'?: string;
  'proxy-url'?: string;
}

/**
 * True for an API version {@link parseExecCredential} accepts.
 *
 * @example
 * isSupportedExecApiVersion('client.authentication.k8s.io/v1alpha1'); // false
 */
export function isSupportedExecApiVersion(apiVersion: string): boolean {
  return (execCredentialApiVersions as readonly string[]).includes(apiVersion);
}

/**
 * The cluster info of `KUBERNETES_EXEC_INFO`, as client-go builds it (`certificate-authority-data`
 * base64-encoded PEM).
 *
 * @example
 * execClusterInfo(cluster, caPem); // { server: 'https://...', 'certificate-authority-data': 'LS0t...' }
 */
export function execClusterInfo(cluster: ClusterConfig, caPem: string | undefined): ExecClusterInfo {
  return {
    server: cluster.server,
    ...(cluster.tlsServerName ? { 'tls-server-name': cluster.tlsServerName } : {}),
    ...(cluster.insecureSkipTlsVerify ? { 'insecure-skip-tls-verify': true } : {}),
    ...(caPem ? { 'certificate-authority-data': Buffer.from(caPem).toString('base64') } : {}),
    ...(cluster.proxyUrl ? { 'proxy-url': cluster.proxyUrl } : {}),
  };
}

/**
 * The `KUBERNETES_EXEC_INFO` value: an `ExecCredential` of the configured version with the request's
 * spec. Porthole is a server, so `interactive` is always false.
 *
 * @example
 * execInfo('client.authentication.k8s.io/v1', undefined);
 * // '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","spec":{"interactive":false}}'
 */
export function execInfo(apiVersion: string, cluster: ExecClusterInfo | undefined): string {
  return JSON.stringify({
    apiVersion,
    kind: 'ExecCredential',
    spec: { interactive: false, ...(cluster ? { cluster } : {}) },
  });
}

function optionalString(status: Record<string, unknown>, field: string): string | undefined {
  const value = status[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new CredentialFailure(`its status.${field} is not a string`);
  return value;
}

// RFC 3339 as Kubernetes writes it (`2024-05-01T12:00:00Z`, fractions and offsets tolerated).
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function expiryOf(status: Record<string, unknown>): number | undefined {
  const text = optionalString(status, 'expirationTimestamp');
  if (text === undefined) return undefined;
  const at = rfc3339.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at))
    throw new CredentialFailure(`its status.expirationTimestamp "${text}" is not RFC 3339`);
  return at;
}

/**
 * Parses what an exec plugin printed, with client-go's rules: an `ExecCredential` of the configured
 * API version whose status holds a token or a certificate and key pair. Throws a
 * {@link CredentialFailure} saying what is wrong (never echoing the output, which may hold a secret).
 *
 * @example
 * const result = parseExecCredential(stdout, 'client.authentication.k8s.io/v1');
 * // { token: 'k8s-aws-v1.abc', expiresAt: 1714564800000 }
 */
export function parseExecCredential(stdout: string, apiVersion: string): ExecCredentialResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new CredentialFailure(
      stdout.trim() === '' ? 'it printed nothing' : 'its output is not an ExecCredential in JSON',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CredentialFailure('its output is not an ExecCredential object');
  }
  const credential = parsed as { apiVersion?: unknown; kind?: unknown; status?: unknown };
  if (credential.kind !== 'ExecCredential') {
    throw new CredentialFailure(
      `it returned kind ${JSON.stringify(credential.kind ?? null)}, expected ExecCredential`,
    );
  }
  if (credential.apiVersion !== apiVersion) {
    const got = JSON.stringify(credential.apiVersion ?? null);
    throw new CredentialFailure(`it is configured for API version ${apiVersion} but returned ${got}`);
  }
  const status = credential.status;
  if (typeof status !== 'object' || status === null || Array.isArray(status)) {
    throw new CredentialFailure('it returned no status');
  }
  const fields = status as Record<string, unknown>;
  const token = optionalString(fields, 'token');
  const clientCertificateData = optionalString(fields, 'clientCertificateData');
  const clientKeyData = optionalString(fields, 'clientKeyData');
  if ((clientCertificateData === undefined) !== (clientKeyData === undefined)) {
    throw new CredentialFailure('it returned a client certificate or key, but not both');
  }
  if (token === undefined && clientCertificateData === undefined) {
    throw new CredentialFailure('it returned neither a token nor a client certificate and key');
  }
  const expiresAt = expiryOf(fields);
  return {
    ...(token !== undefined ? { token } : {}),
    ...(clientCertificateData !== undefined ? { clientCertificateData, clientKeyData } : {}),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  };
}
