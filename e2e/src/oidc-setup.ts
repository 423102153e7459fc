import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type RunningBackend, startBackend } from '@porthole/backend/testing';
import {
  createKubeClient,
  freePort,
  type OidcIssuer,
  renderKubeconfig,
  type TestCluster,
  waitFor,
} from '@porthole/testcluster';

/** What the OIDC specs need: the backend in `--auth oidc` mode and the issuer it trusts. */
export interface OidcE2e {
  /** The `--auth oidc` backend, e.g. `http://127.0.0.1:41235` (also its `--external-url`). */
  url: string;
  /** Its only context: the test cluster, reached with each person's id-token. */
  context: string;
  issuerUrl: string;
  /** PEM of the issuer's CA, for the specs' calls to its test-only endpoints. */
  issuerCaPem: string;
  /** The people of the issuer's login form. */
  users: { username: string; password: string; groups: string[] }[];
}

const rbac = '/apis/rbac.authorization.k8s.io/v1';
const binding = (kind: 'ClusterRoleBinding' | 'RoleBinding', name: string, role: string, group: string) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: { name },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
  subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group }],
});

/**
 * What the issuer's two groups may do (the API server prefixes them `oidc:`): both list namespaces;
 * `team-a` edits namespace `team-a`, `team-b` views namespace `team-b`.
 */
async function grantTeams(cluster: TestCluster): Promise<void> {
  const admin = cluster.client('admin');
  await admin.must('POST', '/api/v1/namespaces', { metadata: { name: 'team-b' } }, { allow: [409] });
  await admin.must('POST', `${rbac}/clusterroles`, {
    metadata: { name: 'porthole-e2e-namespace-reader' },
    rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }],
  });
  for (const team of ['team-a', 'team-b']) {
    await admin.must(
      'POST',
      `${rbac}/clusterrolebindings`,
      binding(
        'ClusterRoleBinding',
        `porthole-e2e-${team}-namespaces`,
        'porthole-e2e-namespace-reader',
        `oidc:${team}`,
      ),
    );
  }
  await admin.must(
    'POST',
    `${rbac}/namespaces/team-a/rolebindings`,
    binding('RoleBinding', 'porthole-e2e-oidc-team-a', 'edit', 'oidc:team-a'),
  );
  await admin.must(
    'POST',
    `${rbac}/namespaces/team-b/rolebindings`,
    binding('RoleBinding', 'porthole-e2e-oidc-team-b', 'view', 'oidc:team-b'),
  );
}

/**
 * Grants the teams their rights, waits until the API server accepts the issuer's tokens (it fetches the
 * keys in the background), and starts `porthole serve --auth oidc` on a port chosen first, so its
 * `--external-url` (the redirect URI's base) is known.
 *
 * @example
 * const { backend, env } = await startOidcBackend(cluster, issuer, registry, logFile);
 */
export async function startOidcBackend(
  cluster: TestCluster,
  issuer: OidcIssuer,
  registry: string,
  logFile: string,
): Promise<{ backend: RunningBackend; env: OidcE2e }> {
  await grantTeams(cluster);
  const probe = createKubeClient({
    server: cluster.server,
    caPem: cluster.caPem,
    token: issuer.mintIdToken({ sub: 'probe', groups: ['team-a'], expiresIn: 120 }),
  });
  await waitFor(
    'the API server to accept the issuer’s tokens',
    async () => (await probe.request('GET', '/api/v1/namespaces')).status === 200,
    45_000,
    250,
  );
  probe.close();
  const dir = dirname(cluster.kubeconfigPath);
  const files = {
    kubeconfig: join(dir, 'portal.kubeconfig'),
    session: join(dir, 'oidc-session-secret'),
    client: join(dir, 'oidc-client-secret'),
  };
  // The context's own token is never used: every request carries the person's id-token.
  const user = { name: 'people', token: 'not-used-in-oidc-mode' };
  await Promise.all([
    writeFile(files.kubeconfig, renderKubeconfig('portal', cluster.server, cluster.caPem, [user]), {
      mode: 0o600,
    }),
    writeFile(files.session, `${randomBytes(48).toString('base64')}\n`, { mode: 0o600 }),
    writeFile(files.client, `${issuer.clientSecret}\n`, { mode: 0o600 }),
  ]);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const backend = await startBackend({
    kubeconfigs: [files.kubeconfig],
    args: [
      ...['--port', String(port), '--plugins', registry, '--auth', 'oidc', '--external-url', url],
      ...['--session-secret-file', files.session, '--oidc-issuer-url', issuer.issuerUrl],
      ...['--oidc-client-id', issuer.clientId, '--oidc-client-secret-file', files.client],
      ...['--oidc-ca-file', issuer.caFile],
    ],
    logFile,
  });
  return {
    backend,
    env: {
      url,
      context: 'people@portal',
      issuerUrl: issuer.issuerUrl,
      issuerCaPem: issuer.caPem,
      users: issuer.users.map((u) => ({ ...u, groups: [...u.groups] })),
    },
  };
}
