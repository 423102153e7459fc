import type { ClusterConfig, UserConfig } from '../clusters/resolved-context.ts';
import { CredentialFailure } from './credential-failure.ts';
import type { FileReader } from './file-reader.ts';
import type { UpstreamTls } from './upstream-credentials.ts';

/** The PEM texts behind a context's TLS settings. */
export interface TlsMaterial {
  ca?: string;
  cert?: string;
  key?: string;
}

async function pem(data: string | undefined, file: string | undefined, what: string, files: FileReader) {
  if (data) return data;
  return file ? files.read(file, what) : undefined;
}

/**
 * The CA a context trusts: `certificate-authority-data`, else the `certificate-authority` file (read
 * again when it changes); none when TLS verification is off.
 *
 * @example
 * const ca = await readClusterCa(context.cluster.config, createFileReader());
 */
export function readClusterCa(cluster: ClusterConfig, files: FileReader): Promise<string | undefined> {
  if (cluster.insecureSkipTlsVerify) return Promise.resolve(undefined);
  return pem(cluster.caData, cluster.caFile, 'certificate-authority file', files);
}

/**
 * Reads the CA and the user's client certificate and key, from data or files (files only when they
 * changed). Rejects with a {@link CredentialFailure} for an unreadable file or a certificate without a
 * key (or the reverse).
 *
 * @example
 * const { ca, cert, key } = await readTlsMaterial(cluster, user, createFileReader());
 */
export async function readTlsMaterial(
  cluster: ClusterConfig,
  user: UserConfig | undefined,
  files: FileReader,
): Promise<TlsMaterial> {
  const [ca, cert, key] = await Promise.all([
    readClusterCa(cluster, files),
    pem(user?.certData, user?.certFile, 'client-certificate file', files),
    pem(user?.keyData, user?.keyFile, 'client-key file', files),
  ]);
  if (cert !== undefined && key === undefined)
    throw new CredentialFailure('a client certificate is set without its key');
  if (key !== undefined && cert === undefined)
    throw new CredentialFailure('a client key is set without its certificate');
  return { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}

/**
 * The {@link UpstreamTls} of a cluster with `material`, reusing `previous` when nothing differs, so
 * holders of per-TLS state (an `https.Agent` in a WeakMap) keep it while nothing changed.
 *
 * @example
 * state.tls = upstreamTls(cluster, material, state.tls);
 */
export function upstreamTls(
  cluster: ClusterConfig,
  material: TlsMaterial,
  previous: UpstreamTls | undefined,
): UpstreamTls {
  const next: UpstreamTls = {
    ...(material.ca ? { ca: material.ca } : {}),
    ...(material.cert ? { cert: material.cert } : {}),
    ...(material.key ? { key: material.key } : {}),
    ...(cluster.tlsServerName ? { servername: cluster.tlsServerName } : {}),
    rejectUnauthorized: !cluster.insecureSkipTlsVerify,
  };
  const same =
    previous !== undefined &&
    previous.ca === next.ca &&
    previous.cert === next.cert &&
    previous.key === next.key &&
    previous.servername === next.servername &&
    previous.rejectUnauthorized === next.rejectUnauthorized;
  return same ? previous : Object.freeze(next);
}
