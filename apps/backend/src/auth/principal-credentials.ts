import type { ResolvedContext } from '../clusters/resolved-context.ts';
import type { Principal } from '../session/principal.ts';
import { credentialError } from './credential-failure.ts';
import { createFileReader, type FileReader } from './file-reader.ts';
import { impersonationHeaders } from './impersonation-headers.ts';
import { readClusterCa, upstreamTls } from './tls-material.ts';
import type {
  CredentialProvider,
  HeaderValues,
  UpstreamCredentials,
  UpstreamTls,
} from './upstream-credentials.ts';

/** Credentials per person: the kubeconfig's, a person's bearer token, or the kubeconfig's impersonating. */
export interface PrincipalCredentials {
  /**
   * The credential provider requests of `principal` use. Local mode's principal gets the kubeconfig
   * provider itself, so local mode behaves exactly as without sessions.
   */
  forPrincipal(principal: Principal): CredentialProvider;
}

function withoutImpersonation(headers: HeaderValues): HeaderValues {
  const out: HeaderValues = {};
  for (const [name, value] of Object.entries(headers))
    if (!name.toLowerCase().startsWith('impersonate-')) out[name] = value;
  return out;
}

/**
 * Wraps the kubeconfig's credential provider so each request acts as its principal:
 * - `kubeconfig`: the context's own credentials (local mode);
 * - `bearer`: the person's token as `Authorization`, over the context's TLS settings (CA, server name)
 *   but never its client certificate or its own token (the API server would authenticate those
 *   instead); not renewable (a 401 means the person must log in again);
 * - `impersonate`: the context's credentials (the service account) plus `Impersonate-User` and one
 *   `Impersonate-Group` per group, replacing any impersonation of the kubeconfig's own.
 *
 * @example
 * const people = createPrincipalCredentials(kubeconfigCredentials);
 * const creds = await people.forPrincipal(principal).credentialsFor(context);
 */
export function createPrincipalCredentials(
  base: CredentialProvider,
  options: { files?: FileReader } = {},
): PrincipalCredentials {
  const files = options.files ?? createFileReader();
  // The TLS of bearer requests per context, reused while unchanged so its agent is too.
  const bearerTls = new Map<string, UpstreamTls>();

  async function tlsOf(context: ResolvedContext): Promise<UpstreamTls> {
    if (context.error) throw credentialError(context, context.error);
    const cluster = context.cluster?.config;
    if (!cluster) throw credentialError(context, 'its cluster is not defined');
    const ca = await readClusterCa(cluster, files);
    const tls = upstreamTls(cluster, ca ? { ca } : {}, bearerTls.get(context.name));
    bearerTls.set(context.name, tls);
    return tls;
  }

  return {
    forPrincipal(principal) {
      const upstream = principal.upstream;
      if (upstream.kind === 'kubeconfig') return base;
      if (upstream.kind === 'bearer') {
        return {
          async credentialsFor(context): Promise<UpstreamCredentials> {
            const token = upstream.current ? await upstream.current() : upstream.token;
            return {
              headers: { authorization: `Bearer ${token}` },
              tls: await tlsOf(context),
              renewable: false,
            };
          },
          invalidate() {},
        };
      }
      const impersonate = impersonationHeaders({ user: upstream.user, groups: upstream.groups, extra: {} });
      const issuedFrom = new WeakMap<UpstreamCredentials, UpstreamCredentials>();
      return {
        async credentialsFor(context): Promise<UpstreamCredentials> {
          const own = await base.credentialsFor(context);
          const credentials = { ...own, headers: { ...withoutImpersonation(own.headers), ...impersonate } };
          issuedFrom.set(credentials, own);
          return credentials;
        },
        invalidate(context, used) {
          base.invalidate(context, issuedFrom.get(used) ?? used);
        },
      };
    },
  };
}
