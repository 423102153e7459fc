import { createHash } from 'node:crypto';
import type { ResolvedContext } from '../clusters/resolved-context.ts';
import { CredentialFailure, credentialError } from './credential-failure.ts';
import { createFileReader, type FileReader } from './file-reader.ts';
import type { Identity, IdentitySource } from './identity.ts';
import { impersonationHeaders } from './impersonation-headers.ts';
import { createKubeconfigWriter, type KubeconfigWriter } from './kubeconfig-write-back.ts';
import { readTlsMaterial, upstreamTls } from './tls-material.ts';
import type { CredentialProvider, UpstreamCredentials, UpstreamTls } from './upstream-credentials.ts';
import { createUserIdentity } from './user-identity.ts';

/** Options of {@link createCredentialProvider}. */
export interface CredentialProviderOptions {
  /** The environment exec plugins inherit (their configured `env` is laid over it); default `process.env`. */
  baseEnv?: Record<string, string | undefined>;
  /** How long an exec plugin may run; default 30 s. */
  execTimeoutMs?: number;
  /** Write refreshed OIDC tokens back to the user's kubeconfig file, as kubectl does. Default false. */
  writeBackRefreshedTokens?: boolean;
  /** Where problems that don't fail a request go (a failed write-back); never given a secret. */
  log?: (message: string) => void;
  now?: () => number;
  files?: FileReader;
  writer?: KubeconfigWriter;
}

/** A {@link CredentialProvider} that also forgets contexts that are gone. */
export interface KubeconfigCredentialProvider extends CredentialProvider {
  /** Drops the cached state of every context not named here; call it when the kubeconfig changes. */
  retain(contextNames: Iterable<string>): void;
}

interface ContextState {
  fingerprint: string;
  userKey: string;
  identity: IdentitySource;
  tls?: UpstreamTls;
}

/**
 * Identity state belongs to the user, not the context: contexts sharing a user share one exec plugin
 * cache and one OIDC refresh token (a rotated refresh token must never be forgotten because an
 * unrelated field of a context changed). The cluster counts only when the exec plugin is given it.
 */
function userKeyOf(context: ResolvedContext): string {
  const user = context.user;
  if (!user) return 'anonymous';
  const cluster = user.config.exec?.provideClusterInfo ? context.cluster?.config : undefined;
  const material = JSON.stringify([user.source, user.name, user.config, cluster ?? null]);
  return createHash('sha256').update(material).digest('hex');
}

/**
 * Produces the upstream credentials of kubeconfig contexts, server-side: TLS (CA, client certificate,
 * server name, verification) and identity (token, token file, basic auth, exec plugin, OIDC). Files are
 * re-read when they change; exec and OIDC credentials are cached, renewed one at a time, and renewed
 * after {@link CredentialProvider.invalidate}. State is kept per context name and fingerprint (identity
 * state per user). Failures reject with a 401 `StatusError` naming the context, user and reason.
 *
 * @example
 * const credentials = createCredentialProvider({ baseEnv: process.env, log: console.error });
 * const creds = await credentials.credentialsFor(context);
 * https.request(url, { ...creds.tls, headers: { ...headers, ...creds.headers } });
 */
export function createCredentialProvider(
  options: CredentialProviderOptions = {},
): KubeconfigCredentialProvider {
  const files = options.files ?? createFileReader();
  const writer = options.writer ?? createKubeconfigWriter();
  const log = options.log ?? (() => {});
  const contexts = new Map<string, ContextState>();
  const identities = new Map<string, IdentitySource>();
  const issued = new WeakMap<UpstreamCredentials, { source: IdentitySource; identity: Identity }>();

  const dropUnusedIdentities = () => {
    const used = new Set([...contexts.values()].map((s) => s.userKey));
    for (const key of identities.keys()) if (!used.has(key)) identities.delete(key);
  };

  const writeBack = (context: ResolvedContext) => {
    const user = context.user;
    if (!options.writeBackRefreshedTokens || !user) return undefined;
    return (tokens: { idToken: string; refreshToken?: string }) => {
      writer.writeOidcTokens(user.source, user.name, tokens).catch((err: unknown) => {
        const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
        log(
          `porthole: could not write the refreshed tokens of user "${user.name}" to ${user.source}: ${why}`,
        );
      });
    };
  };

  const stateFor = (context: ResolvedContext): ContextState => {
    const existing = contexts.get(context.name);
    if (existing?.fingerprint === context.fingerprint) return existing;
    const userKey = userKeyOf(context);
    let identity = identities.get(userKey);
    if (!identity) {
      const onOidcRefreshed = writeBack(context);
      identity = createUserIdentity(context, {
        files,
        baseEnv: options.baseEnv ?? process.env,
        ...(options.execTimeoutMs !== undefined ? { execTimeoutMs: options.execTimeoutMs } : {}),
        ...(options.now ? { now: options.now } : {}),
        ...(onOidcRefreshed ? { onOidcRefreshed } : {}),
      });
      identities.set(userKey, identity);
    }
    const state: ContextState = { fingerprint: context.fingerprint, userKey, identity };
    contexts.set(context.name, state);
    if (existing && existing.userKey !== userKey) dropUnusedIdentities();
    return state;
  };

  return {
    async credentialsFor(context) {
      if (context.error) throw credentialError(context, context.error);
      const cluster = context.cluster?.config;
      if (!cluster) throw credentialError(context, 'its cluster is not defined');
      const state = stateFor(context);
      try {
        const [material, identity] = await Promise.all([
          readTlsMaterial(cluster, context.user?.config, files),
          state.identity.get(),
        ]);
        // A certificate from an exec plugin replaces the kubeconfig's own.
        const withIdentity = identity.cert
          ? { ...material, cert: identity.cert, key: identity.key }
          : material;
        state.tls = upstreamTls(cluster, withIdentity, state.tls);
        const credentials: UpstreamCredentials = {
          headers: { ...identity.headers, ...impersonationHeaders(context.user?.config.impersonate) },
          tls: state.tls,
          renewable: identity.renewable,
        };
        issued.set(credentials, { source: state.identity, identity });
        return credentials;
      } catch (err) {
        if (err instanceof CredentialFailure) throw credentialError(context, err.message);
        throw err;
      }
    },
    invalidate(_context, used) {
      const entry = issued.get(used);
      entry?.source.invalidate(entry.identity);
    },
    retain(contextNames) {
      const keep = new Set(contextNames);
      for (const name of contexts.keys()) if (!keep.has(name)) contexts.delete(name);
      dropUnusedIdentities();
    },
  };
}
