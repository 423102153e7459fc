import type { ExecConfig } from '../clusters/resolved-context.ts';
import { bearerHeaders, CredentialFailure } from './credential-failure.ts';
import {
  type ExecClusterInfo,
  type ExecCredentialResult,
  execInfo,
  isSupportedExecApiVersion,
  parseExecCredential,
} from './exec-credential.ts';
import type { Identity, IdentitySource } from './identity.ts';
import { runExecPlugin } from './run-exec-plugin.ts';
import { createSingleFlight } from './single-flight.ts';

/** Options of {@link createExecIdentity}. */
export interface ExecIdentityOptions {
  /** The kubeconfig user, for messages. */
  userName: string;
  exec: ExecConfig;
  /** The cluster for `KUBERNETES_EXEC_INFO`; resolved only when `exec.provideClusterInfo` is set. */
  clusterInfo?: () => Promise<ExecClusterInfo>;
  /** The environment the plugin inherits (the configured `env` is laid over it). */
  baseEnv: Record<string, string | undefined>;
  /** Default 30 s. */
  timeoutMs?: number;
  /** How long before its expiry a credential is renewed, at most; default 5 s. */
  expirySkewMs?: number;
  now?: () => number;
  /** Runs the plugin; default {@link runExecPlugin}. */
  run?: typeof runExecPlugin;
}

interface Cached {
  identity: Identity;
  /** When to run the plugin again; undefined = until invalidated. */
  renewAt?: number;
}

function identityOf(result: ExecCredentialResult, command: string): Identity {
  return {
    headers:
      result.token !== undefined
        ? bearerHeaders(result.token, `the token from exec plugin "${command}"`)
        : {},
    ...(result.clientCertificateData !== undefined
      ? { cert: result.clientCertificateData, key: result.clientKeyData }
      : {}),
    renewable: true,
  };
}

/**
 * The identity from a client-go exec credential plugin (`client.authentication.k8s.io/v1` or
 * `v1beta1`), as EKS (`aws eks get-token`), GKE (`gke-gcloud-auth-plugin`) and kubelogin use. The result
 * is cached until shortly before its `expirationTimestamp` (or until invalidated when it has none); the
 * plugin runs at most once at a time, however many requests wait; {@link IdentitySource.invalidate}
 * after a 401 drops the credential only if it is still the cached one, so a burst of 401s gives one run.
 *
 * @example
 * const source = createExecIdentity({ userName: 'eks-admin', exec: user.exec, baseEnv: process.env });
 * const identity = await source.get(); // { headers: { authorization: 'Bearer k8s-aws-v1...' }, renewable: true }
 */
export function createExecIdentity(options: ExecIdentityOptions): IdentitySource {
  const { exec, userName } = options;
  const now = options.now ?? Date.now;
  const skewMs = options.expirySkewMs ?? 5_000;
  const run = options.run ?? runExecPlugin;
  const flight = createSingleFlight<Identity>();
  let cached: Cached | undefined;

  const produce = async (): Promise<Identity> => {
    if (!isSupportedExecApiVersion(exec.apiVersion)) {
      throw new CredentialFailure(
        `the exec plugin of user "${userName}" uses API version "${exec.apiVersion}"; ` +
          'supported: client.authentication.k8s.io/v1 and v1beta1',
      );
    }
    const cluster = exec.provideClusterInfo && options.clusterInfo ? await options.clusterInfo() : undefined;
    const env = {
      ...options.baseEnv,
      ...Object.fromEntries(exec.env.map(({ name, value }) => [name, value])),
      KUBERNETES_EXEC_INFO: execInfo(exec.apiVersion, cluster),
    };
    const stdout = await run({
      command: exec.command,
      args: exec.args,
      env,
      timeoutMs: options.timeoutMs ?? 30_000,
      ...(exec.installHint ? { installHint: exec.installHint } : {}),
    });
    let result: ExecCredentialResult;
    try {
      result = parseExecCredential(stdout, exec.apiVersion);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new CredentialFailure(`the exec plugin "${exec.command}" failed: ${why}`, { cause: err });
    }
    const identity = identityOf(result, exec.command);
    const receivedAt = now();
    // Renew a few seconds early, but never so early that a short-lived credential is never reused.
    const lifetime = result.expiresAt === undefined ? undefined : result.expiresAt - receivedAt;
    const renewAt =
      result.expiresAt === undefined || lifetime === undefined
        ? undefined
        : result.expiresAt - Math.max(0, Math.min(skewMs, lifetime / 4));
    cached = { identity, ...(renewAt !== undefined ? { renewAt } : {}) };
    return identity;
  };

  return {
    async get() {
      if (cached && (cached.renewAt === undefined || now() < cached.renewAt)) return cached.identity;
      return flight.run(produce);
    },
    invalidate(used) {
      if (cached?.identity === used) cached = undefined;
    },
  };
}
