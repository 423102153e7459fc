import { request } from 'node:https';
import { type OidcIssuer, start, startOidcIssuer, type TestCluster, waitFor } from '@porthole/testcluster';
import type { ClusterConfig, ResolvedContext, UserConfig } from '../clusters/resolved-context.ts';
import type { UpstreamCredentials } from './upstream-credentials.ts';

/**
 * Test infrastructure for the `*.cluster.test.ts` files of this folder: a real API server that trusts a
 * loopback OIDC issuer, with `oidc:<sub>` users bound to the ClusterRole `view`.
 */
export interface OidcTestCluster {
  issuer: OidcIssuer;
  cluster: TestCluster;
  stop(): Promise<void>;
}

const rbac = '/apis/rbac.authorization.k8s.io/v1';

/** Lets `oidc:<sub>` of each of `subs` read namespaces and ConfigMaps. (The built-in `view` is an aggregated role, empty without the controller manager.) */
async function grantRead(cluster: TestCluster, subs: string[]): Promise<void> {
  const admin = cluster.client('admin');
  await admin.must('POST', `${rbac}/clusterroles`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'porthole-test-reader' },
    rules: [{ apiGroups: [''], resources: ['namespaces', 'configmaps'], verbs: ['get', 'list', 'watch'] }],
  });
  await admin.must('POST', `${rbac}/clusterrolebindings`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'oidc-readers' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'porthole-test-reader' },
    subjects: subs.map((sub) => ({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'User',
      name: `oidc:${sub}`,
    })),
  });
}

/**
 * Starts the issuer, then an API server validating its tokens (no kubelet or controller manager), lets
 * each `oidc:<sub>` of `readers` read namespaces and ConfigMaps, and waits until the API server has
 * fetched the issuer's keys (it does so in the background, retrying every 10 s).
 *
 * @example
 * const { issuer, cluster, stop } = await startOidcTestCluster('oidc', ['alice']);
 */
export async function startOidcTestCluster(name: string, readers: string[]): Promise<OidcTestCluster> {
  const issuer = await startOidcIssuer();
  let cluster: TestCluster | undefined;
  try {
    cluster = await start({
      name,
      apiserverFlags: issuer.apiserverFlags,
      kubelet: false,
      controllerManager: false,
    });
    await grantRead(cluster, [...readers, 'readiness-probe']);
    const probe = { token: issuer.mintIdToken({ sub: 'readiness-probe', expiresIn: 120 }) };
    const running = cluster;
    const credentials = {
      headers: { authorization: `Bearer ${probe.token}` },
      tls: { ca: cluster.caPem, rejectUnauthorized: true },
      renewable: false,
    };
    await waitFor(
      'the API server to accept OIDC tokens',
      async () => (await getWith(running.server, '/api/v1/namespaces', credentials)) === 200,
      45_000,
      500,
    );
  } catch (err) {
    await cluster?.stop();
    await issuer.stop();
    throw err;
  }
  const running = cluster;
  return {
    issuer,
    cluster: running,
    async stop() {
      await running.stop();
      await issuer.stop();
    },
  };
}

/**
 * A {@link ResolvedContext} for `cluster` as user `userName` with `user`, the way the kubeconfig
 * registry would resolve it.
 *
 * @example
 * const context = contextFor(cluster, 'alice', { token: 't' });
 */
export function contextFor(
  cluster: TestCluster,
  userName: string,
  user: UserConfig,
  source = cluster.kubeconfigPath,
): ResolvedContext {
  const config: ClusterConfig = {
    server: cluster.server,
    caData: cluster.caPem,
    insecureSkipTlsVerify: false,
  };
  return {
    name: `${userName}@${cluster.name}`,
    namespace: 'default',
    source,
    distribution: 'kubernetes',
    cluster: { name: cluster.name, source, config },
    user: { name: userName, source, config: user },
    fingerprint: JSON.stringify([config, userName, user]),
  };
}

/**
 * GETs `path` from `server` with `credentials` exactly as the proxy would attach them (headers and
 * TLS), resolving with the status code.
 *
 * @example
 * expect(await getWith(cluster.server, '/api/v1/namespaces', creds)).toBe(200);
 */
export function getWith(server: string, path: string, credentials: UpstreamCredentials): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, server),
      { ...credentials.tls, headers: { ...credentials.headers, accept: 'application/json' }, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}
