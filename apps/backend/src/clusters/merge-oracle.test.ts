import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type ClusterSummary, clusterListSchema } from '@porthole/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterRegistry, createClusterRegistry } from './registry.ts';
import { createClusterRoutes } from './routes.ts';

// The oracle: for every fixture, what `kubectl config view --merge --raw` makes of KUBECONFIG=a:b:...
// must be what GET /api/clusters lists (names, servers, namespaces) and what the registry resolves
// (cluster and user names, current context). kubectl's view keeps relative paths as written, so path
// resolution is checked against kubectl's raw value joined to the folder of the defining file.

const kubectl = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p));

interface KubectlView {
  'current-context': string;
  clusters: { name: string; cluster: Record<string, unknown> & { server: string } }[] | null;
  users: { name: string; user: Record<string, unknown> }[] | null;
  contexts: { name: string; context: { cluster: string; user?: string; namespace?: string } }[] | null;
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porthole-oracle-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** Writes the fixture's files (null: leave it missing) and returns their paths in KUBECONFIG order. */
async function fixture(name: string, files: [string, string | null][]): Promise<string[]> {
  const paths: string[] = [];
  for (const [relative, text] of files) {
    const path = join(root, name, relative);
    paths.push(path);
    if (text === null) continue;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }
  return paths;
}

function kubectlView(paths: string[]): KubectlView {
  if (!kubectl) throw new Error('kubectl is the oracle of this test and is not installed (/usr/bin/kubectl)');
  const out = execFileSync(kubectl, ['config', 'view', '--merge', '--raw', '-o', 'json'], {
    env: { PATH: process.env.PATH, HOME: root, KUBECONFIG: paths.join(':') },
    encoding: 'utf8',
  });
  return JSON.parse(out) as KubectlView;
}

/** Every credential kubectl sees in the files, raw and decoded. */
function secretsOf(view: KubectlView): string[] {
  const secrets: string[] = [];
  const add = (value: unknown, decode = false) => {
    if (typeof value !== 'string' || value === '') return;
    secrets.push(value);
    if (decode) secrets.push(Buffer.from(value, 'base64').toString('utf8').trim());
  };
  for (const { user } of view.users ?? []) {
    add(user.token);
    add(user.password);
    add(user['client-key-data'], true);
    add(user['client-certificate-data'], true);
  }
  for (const { cluster } of view.clusters ?? []) add(cluster['certificate-authority-data'], true);
  return secrets;
}

interface OracleResult {
  view: KubectlView;
  registry: ClusterRegistry;
  listed: ClusterSummary[];
}

/** Compares the registry with kubectl on these files, then runs `more` with both. */
async function expectSameAsKubectl(paths: string[], more?: (r: OracleResult) => void): Promise<void> {
  const view = kubectlView(paths);
  const registry = await createClusterRegistry({ kubeconfigs: paths });
  try {
    const res = await createClusterRoutes(registry).request('/');
    expect(res.status).toBe(200);
    const text = await res.text();
    const listed = clusterListSchema.parse(JSON.parse(text));
    for (const secret of secretsOf(view)) expect(text).not.toContain(secret);

    const clusters = new Map((view.clusters ?? []).map((c) => [c.name, c.cluster]));
    const users = new Set((view.users ?? []).map((u) => u.name));
    const expected = (view.contexts ?? []).map(({ name, context }) => ({
      name,
      server: clusters.get(context.cluster)?.server ?? '',
      namespace: context.namespace || 'default',
      cluster: clusters.has(context.cluster) ? context.cluster : undefined,
      user: context.user && users.has(context.user) ? context.user : undefined,
    }));
    // Exactly kubectl's contexts: a file's problem is never an entry of the list.
    const actual = listed.map(({ name, server, namespace }) => ({
      name,
      server,
      namespace,
      cluster: registry.get(name)?.cluster?.name,
      user: registry.get(name)?.user?.name,
    }));
    const byName = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name);
    expect(actual.sort(byName)).toEqual(expected.sort(byName));
    expect(registry.currentContext()).toBe(view['current-context'] || undefined);
    more?.({ view, registry, listed });
  } finally {
    await registry.close();
  }
}

const fileA = `
apiVersion: v1
kind: Config
current-context: only-a
clusters:
- name: shared
  cluster: { server: 'https://a.example:6443', certificate-authority-data: Q0EtQQ== }
- name: a-cluster
  cluster: { server: 'https://only-a.example:6443' }
users:
- name: u1
  user: { token: secret-token-a1 }
contexts:
- name: both
  context: { cluster: shared, user: u1, namespace: team-a }
- name: only-a
  context: { cluster: a-cluster, user: u1 }
`;
const fileB = `
apiVersion: v1
kind: Config
current-context: only-b
clusters:
- name: shared
  cluster: { server: 'https://b.example:6443' }
- name: rancher
  cluster: { server: 'https://rancher.example.com/k8s/clusters/c-m-abc123' }
users:
- name: u1
  user: { token: secret-token-b1 }
- name: u2
  user: { client-certificate-data: Q0VSVA==, client-key-data: S0VZLWRhdGE=, username: bob, password: secret-password }
contexts:
- name: both
  context: { cluster: a-cluster, user: u2, namespace: loses }
- name: only-b
  context: { cluster: shared, user: u2, namespace: b-ns }
- name: via-rancher
  context: { cluster: rancher, user: u2 }
`;

describe('createClusterRegistry merges like kubectl config view --merge', () => {
  it('lets the first file win for duplicate cluster, user and context names across files', async () => {
    const paths = await fixture('duplicates', [
      ['a.yaml', fileA],
      ['b.yaml', fileB],
    ]);
    await expectSameAsKubectl(paths, ({ registry, listed }) => {
      expect(listed.find((c) => c.name === 'both')).toMatchObject({
        server: 'https://a.example:6443',
        namespace: 'team-a',
      });
      expect(registry.get('both')?.user?.config.token).toBe('secret-token-a1');
      expect(registry.get('only-b')?.cluster?.config.caData).toBe('CA-A');
      expect(Object.fromEntries(listed.map((c) => [c.name, c.source]))).toEqual({
        both: paths[0],
        'only-a': paths[0],
        'only-b': paths[1],
        'via-rancher': paths[1],
      });
      expect(registry.get('via-rancher')?.distribution).toBe('rancher');
    });
  });

  it('resolves relative paths against the file that names them, as kubectl does at use time', async () => {
    const paths = await fixture('relative', [
      [
        'one/config',
        `
clusters: [{ name: c1, cluster: { server: 'https://one.example:6443', certificate-authority: certs/ca.pem } }]
users:
- { name: u1, user: { client-certificate: ../shared/u1.crt, client-key: u1.key, tokenFile: token } }
- { name: u-exec, user: { exec: { apiVersion: client.authentication.k8s.io/v1, command: ./bin/plugin } } }
- { name: u-path, user: { exec: { apiVersion: client.authentication.k8s.io/v1, command: kubelogin } } }
contexts:
- { name: ctx-one, context: { cluster: c1, user: u1 } }
- { name: ctx-cross, context: { cluster: c2, user: u1 } }
- { name: ctx-exec, context: { cluster: c1, user: u-exec } }
- { name: ctx-path, context: { cluster: c2, user: u-path } }
`,
      ],
      [
        'two/sub/config',
        `
clusters: [{ name: c2, cluster: { server: 'https://two.example', certificate-authority: ../ca2.pem } }]
users: [{ name: u2, user: { tokenFile: /etc/porthole/token } }]
contexts: [{ name: ctx-two, context: { cluster: c2, user: u2, namespace: two } }]
`,
      ],
    ]);
    const [one, two] = paths.map((p) => dirname(p)) as [string, string];
    await expectSameAsKubectl(paths, ({ view, registry }) => {
      const raw = (name: string) => view.users?.find((u) => u.name === name)?.user ?? {};
      const rawCa = (name: string) =>
        view.clusters?.find((c) => c.name === name)?.cluster['certificate-authority'];
      // kubectl's own view: the strings as written, to be read against the defining file's folder.
      expect(resolve(one, String(rawCa('c1')))).toBe(join(one, 'certs/ca.pem'));
      expect(registry.get('ctx-one')?.cluster?.config.caFile).toBe(resolve(one, String(rawCa('c1'))));
      expect(registry.get('ctx-cross')?.cluster?.config.caFile).toBe(resolve(two, String(rawCa('c2'))));
      expect(registry.get('ctx-cross')?.cluster?.config.caFile).toBe(join(root, 'relative/two/ca2.pem'));
      expect(registry.get('ctx-one')?.user?.config).toEqual({
        certFile: resolve(one, String(raw('u1')['client-certificate'])),
        keyFile: resolve(one, String(raw('u1')['client-key'])),
        tokenFile: resolve(one, String(raw('u1').tokenFile)),
      });
      expect(registry.get('ctx-one')?.user?.config.certFile).toBe(join(root, 'relative/shared/u1.crt'));
      expect(registry.get('ctx-exec')?.user?.config.exec?.command).toBe(join(one, 'bin/plugin'));
      expect(registry.get('ctx-path')?.user?.config.exec?.command).toBe('kubelogin');
      expect(registry.get('ctx-two')?.user?.config.tokenFile).toBe('/etc/porthole/token');
    });
  });

  it('skips a missing file like kubectl, and notes it among the files, not the contexts', async () => {
    const paths = await fixture('missing', [
      ['a.yaml', fileA],
      ['not-there.yaml', null],
      ['b.yaml', fileB],
    ]);
    await expectSameAsKubectl(paths, ({ listed, registry }) => {
      expect(listed.map((c) => c.source)).not.toContain(paths[1]);
      expect(registry.files().map((f) => [f.path, f.state, f.message])).toEqual([
        [paths[0], 'ok', undefined],
        [paths[1], 'missing', 'does not exist'],
        [paths[2], 'ok', undefined],
      ]);
    });
  });

  it('takes the current context from the second file when the first sets none', async () => {
    const paths = await fixture('current-second', [
      ['a.yaml', fileA.replace('current-context: only-a', '')],
      ['b.yaml', fileB],
    ]);
    await expectSameAsKubectl(paths, ({ registry }) => expect(registry.currentContext()).toBe('only-b'));
  });

  it('joins a context to a user defined only in the second file and a cluster only in the third', async () => {
    const paths = await fixture('user-later', [
      [
        '1',
        'contexts: [{ name: late, context: { cluster: third-cluster, user: second-user, namespace: x } }]',
      ],
      ['2', 'users: [{ name: second-user, user: { token: secret-second } }]'],
      ['3', "clusters: [{ name: third-cluster, cluster: { server: 'https://three.example' } }]"],
    ]);
    await expectSameAsKubectl(paths, ({ registry }) => {
      expect(registry.get('late')).toMatchObject({
        source: paths[0],
        cluster: { source: paths[2] },
        user: { source: paths[1], config: { token: 'secret-second' } },
      });
      expect(registry.get('late')?.error).toBeUndefined();
    });
  });

  it('merges three files, with names defined in several and undefined references', async () => {
    const paths = await fixture('three', [
      ['first', fileA.replace('current-context: only-a', 'current-context: ""')],
      ['second', fileB.replace('current-context: only-b', 'current-context: via-rancher')],
      [
        'third',
        `
current-context: third
clusters: [{ name: rancher, cluster: { server: 'https://loses.example' } }, { name: t, cluster: { server: 'https://t.example' } }]
users: [{ name: u2, user: { token: secret-third } }]
contexts:
- { name: only-a, context: { cluster: t } }
- { name: third, context: { cluster: t, user: u2, namespace: t-ns } }
- { name: dangling, context: { cluster: nowhere, user: nobody } }
`,
      ],
    ]);
    await expectSameAsKubectl(paths, ({ registry, listed }) => {
      expect(registry.currentContext()).toBe('via-rancher');
      expect(registry.get('third')?.user?.config.password).toBe('secret-password');
      expect(listed.find((c) => c.name === 'dangling')?.error).toBe(
        'cluster "nowhere" is not defined in any kubeconfig; user "nobody" is not defined in any kubeconfig',
      );
    });
  });

  it('reads an empty file, a comment-only file and null sections as empty kubeconfigs', async () => {
    const paths = await fixture('empty', [
      ['empty', ''],
      ['comments', '# nothing here yet\n'],
      [
        'nulls',
        'apiVersion: v1\nkind: Config\nclusters: null\nusers: null\ncontexts: null\ncurrent-context: ""\n',
      ],
      ['b.yaml', fileB],
    ]);
    await expectSameAsKubectl(paths, ({ listed }) => {
      expect(listed.map((c) => c.name)).toEqual(['both', 'only-b', 'via-rancher']);
    });
  });
});
