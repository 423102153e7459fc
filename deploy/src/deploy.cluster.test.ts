import { join } from 'node:path';
import { start, type TestCluster, waitFor } from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ensureHelm, renderChart, valuesLikeOverlay } from './helm.ts';
import {
  deployDir,
  kubectl,
  type Manifest,
  type Mode,
  modes,
  rbacKinds,
  renderOverlay,
  withOverlay,
} from './kustomize.ts';

// Acceptance 1 of issue 16: every overlay is accepted by a real API server (server-side dry run), and
// each mode's service account can do what the mode needs and nothing more (`kubectl auth can-i`).

let cluster: TestCluster;
const k = (...args: string[]) => kubectl(['--kubeconfig', cluster.kubeconfigPath, ...args]);

/** `kubectl auth can-i` as the overlay's service account: true for "yes", false for "no". */
async function canI(namespace: string, ...args: string[]): Promise<boolean> {
  const as = `--as=system:serviceaccount:${namespace}:porthole`;
  try {
    const { stdout } = await k('auth', 'can-i', as, ...args);
    return stdout.trim() === 'yes';
  } catch (err) {
    const stdout = (err as { stdout?: string }).stdout?.trim();
    if (stdout === 'no') return false;
    throw err;
  }
}

/**
 * Every rule the service account has in `namespace` (`kubectl auth can-i --list`, a
 * SelfSubjectRulesReview): resource rules as `resource [verbs]` (with `/names` when restricted), and
 * the non-resource URLs it may get.
 */
async function allRules(namespace: string): Promise<{ resources: string[]; urls: string[] }> {
  const as = `--as=system:serviceaccount:${namespace}:porthole`;
  const { stdout } = await k('auth', 'can-i', '--list', as, '-n', namespace);
  const [header = '', ...rows] = stdout.split('\n').filter((line) => line.trim() !== '');
  const at = ['Non-Resource URLs', 'Resource Names', 'Verbs'].map((title) => header.indexOf(title));
  const [urlsAt = 0, namesAt = 0, verbsAt = 0] = at;
  expect(
    at.every((i) => i > 0),
    header,
  ).toBe(true);
  const resources = new Set<string>();
  const urls = new Set<string>();
  for (const row of rows) {
    const resource = row.slice(0, urlsAt).trim();
    const names = row.slice(namesAt, verbsAt).trim();
    const verbs = row.slice(verbsAt).trim();
    if (resource !== '') resources.add(`${resource}${names === '[]' ? '' : ` ${names}`} ${verbs}`);
    else urls.add(`${row.slice(urlsAt, namesAt).trim()} ${verbs}`);
  }
  return { resources: [...resources].sort(), urls: [...urls].sort() };
}

/** What the API server lets every authenticated client do (system:basic-user, discovery, public info). */
const everyonesRules = [
  'selfsubjectaccessreviews.authorization.k8s.io [create]',
  'selfsubjectrulesreviews.authorization.k8s.io [create]',
];
const publicUrls =
  /^\[\/(\.well-known\/openid-configuration|openid\/v1\/jwks|api|apis|version|healthz|livez|readyz|openapi)(\/\*?)?\] \[get\]$/;

beforeAll(async () => {
  cluster = await start({ name: 'deploy', kubelet: false });
  // Server-side dry runs of namespaced objects need their namespace to exist for real.
  await k('create', 'namespace', 'porthole');
});
afterAll(() => cluster?.stop());

describe('deploy/overlays on Kubernetes 1.20 (server-side dry run)', () => {
  it.each(modes)('%s: every object of the overlay is accepted by the API server', async (mode) => {
    const objects = await renderOverlay(mode, { components: ['k8s-1.20'] });
    expect(objects.map((o) => o.kind)).toEqual(
      expect.arrayContaining([
        'Namespace',
        'ServiceAccount',
        'ConfigMap',
        'Service',
        'Deployment',
        'PodDisruptionBudget',
        'Ingress',
        'NetworkPolicy',
      ]),
    );
    const { stdout } = await withOverlay(mode, { components: ['k8s-1.20'] }, (dir) =>
      k('apply', '-k', dir, '--dry-run=server'),
    );
    for (const object of objects) {
      const group = object.apiVersion.includes('/') ? `.${object.apiVersion.split('/')[0]}` : '';
      const kind = `${object.kind.toLowerCase()}${group}`;
      expect(stdout).toMatch(new RegExp(`^${kind}/${object.metadata.name} \\w+ \\(server dry run\\)$`, 'm'));
    }
  });

  it.each(modes)('%s: as committed, 1.20 refuses only the policy/v1 PodDisruptionBudget', async (mode) => {
    // The overlays target current Kubernetes (policy/v1, since 1.21); the test cluster is 1.20, which
    // serves the budget only as policy/v1beta1 (the k8s-1.20 component). Everything else goes through.
    const objects = await renderOverlay(mode);
    const failure = await k('apply', '-k', join(deployDir, 'overlays', mode), '--dry-run=server').then(
      () => undefined,
      (err: { stdout: string; stderr: string }) => err,
    );
    expect(failure, 'policy/v1 should not exist on 1.20').toBeDefined();
    const errors = failure?.stderr.split('\n').filter((line) => line.startsWith('error:'));
    expect(errors).toEqual([expect.stringMatching(/kind "PodDisruptionBudget" in version "policy\/v1"/)]);
    for (const object of objects.filter((o) => o.kind !== 'PodDisruptionBudget'))
      expect(failure?.stdout).toContain(`/${object.metadata.name} `);
  });
});

describe('deploy/chart/porthole on Kubernetes 1.20 (server-side dry run)', () => {
  it.each(modes)('%s: every object helm renders is accepted by the API server', async (mode) => {
    const helm = await ensureHelm();
    // `--kube-version` as the cluster reports it: the chart picks policy/v1beta1 for the budget there.
    const { text, objects } = await renderChart(helm, await valuesLikeOverlay(mode), [
      '--kube-version',
      '1.20.2',
    ]);
    const { stdout } = await kubectl(
      ['--kubeconfig', cluster.kubeconfigPath, 'apply', '-n', 'porthole', '--dry-run=server', '-f', '-'],
      text,
    );
    expect(objects.length).toBeGreaterThanOrEqual(mode === 'proxy' ? 9 : 7);
    for (const object of objects)
      expect(stdout).toMatch(
        new RegExp(`^[a-z0-9.]+/${object.metadata.name} \\w+ \\(server dry run\\)$`, 'm'),
      );
    expect(stdout.trim().split('\n')).toHaveLength(objects.length);
  });
});

/** The rights every mode's service account must NOT have (a sample of what an attacker would want). */
const forbiddenEverywhere: string[][] = [
  ['list', 'secrets', '--all-namespaces'],
  ['get', 'secrets'],
  ['create', 'pods', '-n', 'default'],
  ['create', 'pods', '--subresource=exec', '-n', 'default'],
  ['list', 'pods', '--all-namespaces'],
  ['list', 'namespaces'],
  ['create', 'tokenreviews.authentication.k8s.io'],
  ['create', 'serviceaccounts', '--subresource=token', '-n', 'kube-system'],
  ['create', 'clusterrolebindings'],
  ['bind', 'clusterroles'],
  ['escalate', 'clusterroles'],
  ['impersonate', 'serviceaccounts'],
  ['impersonate', 'userextras', '--subresource=scopes'],
  ['patch', 'deployments.apps', '-n', 'porthole'],
];

/** One installation whose RBAC is checked: an overlay, with components. */
interface RbacCase {
  name: string;
  mode: Mode;
  components?: string[];
  /** Its rules beyond everyone's, as `kubectl auth can-i --list` shows them. */
  extraRules: string[];
  /** What its service account needs, and what it must not have on top of `forbiddenEverywhere`. */
  needs: string[][];
  mustNot: string[][];
}

// What every authenticated client may do; the backend's own identity needs no more in oidc and token
// modes: it starts up (discovery, /version) and each person's own token goes to the API server.
const startUp = [
  ['get', '/version'],
  ['get', '/api'],
  ['get', '/apis'],
  ['create', 'selfsubjectaccessreviews.authorization.k8s.io'],
];
const noImpersonation = [
  ['impersonate', 'users'],
  ['impersonate', 'groups'],
];
const tokenReview = ['create', 'tokenreviews.authentication.k8s.io'];

const rbacCases: RbacCase[] = [
  { name: 'oidc', mode: 'oidc', extraRules: [], needs: startUp, mustNot: noImpersonation },
  { name: 'token', mode: 'token', extraRules: [], needs: startUp, mustNot: noImpersonation },
  // Token mode before Kubernetes 1.28 (no SelfSubjectReview): naming the person takes a TokenReview.
  {
    name: 'token-review',
    mode: 'token',
    components: ['token-review'],
    extraRules: ['tokenreviews.authentication.k8s.io [create]'],
    needs: [...startUp, tokenReview],
    mustNot: noImpersonation,
  },
  // The proxy names the person; the service account acts as them.
  {
    name: 'proxy',
    mode: 'proxy',
    extraRules: ['groups [impersonate]', 'users [impersonate]'],
    needs: [
      ['get', '/version'],
      ['get', '/api'],
      ['impersonate', 'users'],
      ['impersonate', 'users/alice'],
      ['impersonate', 'groups'],
      ['impersonate', 'groups/team-a'],
    ],
    mustNot: [
      ['get', 'configmaps', '-n', 'porthole'],
      ['list', 'nodes'],
      ['watch', 'events', '--all-namespaces'],
    ],
  },
];

describe.each(rbacCases)('$name: the service account has the least RBAC its mode needs', (c) => {
  const namespace = `rbac-${c.name}`;
  let applied: Manifest[] = [];

  beforeAll(async () => {
    // Only the identity and its rights, applied for real, in a namespace of their own.
    const objects = await renderOverlay(c.mode, { namespace, components: c.components ?? [] });
    applied = objects.filter((o) => rbacKinds.includes(o.kind));
    await k('create', 'namespace', namespace);
    await kubectl(
      ['--kubeconfig', cluster.kubeconfigPath, 'apply', '-f', '-'],
      applied.map((o) => stringify(o)).join('---\n'),
    );
  });

  it('applies just a ServiceAccount and the mode’s bindings', () => {
    const bound = c.mode === 'proxy' || c.components?.includes('token-review');
    const expected = bound ? ['ClusterRole', 'ClusterRoleBinding', 'ServiceAccount'] : ['ServiceAccount'];
    expect(applied.map((o) => o.kind).sort()).toEqual(expected);
  });

  it('has exactly the rules of its mode, beyond what every authenticated client has', async () => {
    const { resources, urls } = await allRules(namespace);
    expect(resources).toEqual([...everyonesRules, ...c.extraRules].sort());
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(publicUrls);
  });

  it('can do what the mode needs', async () => {
    for (const args of c.needs) expect(await canI(namespace, ...args), args.join(' ')).toBe(true);
  });

  it('can do nothing an attacker holding its token would want', async () => {
    const needed = new Set(c.needs.map((a) => a.join(' ')));
    const forbidden = forbiddenEverywhere.filter((a) => !needed.has(a.join(' ')));
    for (const args of [...forbidden, ...c.mustNot])
      expect(await canI(namespace, '-n', namespace, ...args), args.join(' ')).toBe(false);
  });
});

describe('proxy mode with the service account’s own token', () => {
  /** The token the 1.20 controller manager minted for the service account (a Secret it links). */
  async function tokenOf(namespace: string): Promise<string> {
    const secretName = await waitFor(`token of ${namespace}/porthole`, async () => {
      const { stdout } = await k('get', 'serviceaccount', 'porthole', '-n', namespace, '-o', 'json');
      return (JSON.parse(stdout) as { secrets?: { name: string }[] }).secrets?.[0]?.name;
    });
    const { stdout } = await k('get', 'secret', secretName, '-n', namespace, '-o', 'jsonpath={.data.token}');
    return Buffer.from(stdout, 'base64').toString('utf8');
  }

  const whoAmI = async (token: string, ...impersonate: string[]) => {
    const args = ['--kubeconfig', cluster.kubeconfigPath, '--token', token, ...impersonate];
    return kubectl([...args, 'get', 'pods', '-n', 'team-a', '-o', 'name']).then(
      () => 'allowed',
      (err: { stderr: string }) => err.stderr,
    );
  };

  it('really acts as the person the proxy names, and the token-mode account cannot', async () => {
    const proxyToken = await tokenOf('rbac-proxy');
    // Impersonation succeeds; the person's own rights then decide (alice has none here).
    expect(await whoAmI(proxyToken, '--as=alice', '--as-group=team-a')).toMatch(/User "alice" cannot list/);
    // Becoming a service account (with its token's rights) is refused.
    expect(await whoAmI(proxyToken, '--as=system:serviceaccount:kube-system:default')).toMatch(
      /cannot impersonate resource "serviceaccounts"/,
    );
    const tokenModeToken = await tokenOf('rbac-token');
    expect(await whoAmI(tokenModeToken, '--as=alice')).toMatch(/cannot impersonate resource "users"/);
    // On its own, the account reads nothing.
    expect(await whoAmI(tokenModeToken)).toMatch(/cannot list resource "pods"/);
  });
});
