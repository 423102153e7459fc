import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeClusters } from './cluster-summary.ts';
import { loadKubeconfigFile, mergeKubeconfigs, parseKubeconfig } from './kubeconfig.ts';

const kubectl = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p));

// Two files that disagree on purpose: `shared` and `both` are defined in each, and each sets a current context.
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

interface KubectlView {
  'current-context': string;
  clusters: { name: string; cluster: { server: string } }[] | null;
  contexts: { name: string; context: { cluster: string; namespace?: string } }[] | null;
}

describe('mergeKubeconfigs', () => {
  let dir: string;
  let a: string;
  let b: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'porthole-kubeconfig-'));
    a = join(dir, 'a.yaml');
    b = join(dir, 'b.yaml');
    await writeFile(a, fileA);
    await writeFile(b, fileB);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('merges names, servers, namespaces and the current context as kubectl does', async () => {
    if (!kubectl)
      throw new Error('kubectl is the oracle of this test and is not installed (/usr/bin/kubectl)');
    const view = JSON.parse(
      execFileSync(kubectl, ['config', 'view', '--merge', '-o', 'json'], {
        env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: `${a}:${b}` },
        encoding: 'utf8',
      }),
    ) as KubectlView;
    const servers = new Map((view.clusters ?? []).map((c) => [c.name, c.cluster.server]));
    const expected = (view.contexts ?? []).map(({ name, context }) => ({
      name,
      server: servers.get(context.cluster),
      namespace: context.namespace || 'default',
    }));

    const merged = mergeKubeconfigs([await loadKubeconfigFile(a), await loadKubeconfigFile(b)]);
    const actual = summarizeClusters(merged).map(({ name, server, namespace }) => ({
      name,
      server,
      namespace,
    }));

    const byName = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name);
    expect(actual.sort(byName)).toEqual(expected.sort(byName));
    expect(merged.currentContext).toBe(view['current-context']);
    // The oracle agrees with what kubectl documents: first file wins per name.
    expect(actual.find((c) => c.name === 'both')).toEqual({
      name: 'both',
      server: 'https://a.example:6443',
      namespace: 'team-a',
    });
  });

  it('names the file each context came from', async () => {
    const merged = mergeKubeconfigs([await loadKubeconfigFile(a), await loadKubeconfigFile(b)]);
    const sources = Object.fromEntries(summarizeClusters(merged).map((c) => [c.name, c.source]));
    expect(sources).toEqual({ both: a, 'only-a': a, 'only-b': b, 'via-rancher': b });
  });

  it('takes the current context from a later file when the first sets none', async () => {
    const none = parseKubeconfig('/none', 'clusters: []');
    expect(mergeKubeconfigs([none, parseKubeconfig('/b', fileB)]).currentContext).toBe('only-b');
  });

  it('never puts a credential into the summaries', async () => {
    const merged = mergeKubeconfigs([await loadKubeconfigFile(a), await loadKubeconfigFile(b)]);
    const json = JSON.stringify(summarizeClusters(merged));
    for (const secret of ['secret-token', 'secret-password', 'S0VZ', 'Q0VSVA', 'Q0EtQQ', 'bob']) {
      expect(json).not.toContain(secret);
    }
  });

  it('keeps the good files when one is broken, and reports the broken one as an entry', async () => {
    const merged = mergeKubeconfigs([
      parseKubeconfig('/broken', 'clusters: [unclosed'),
      parseKubeconfig(b, fileB),
    ]);
    const summaries = summarizeClusters(merged);
    expect(summaries.map((c) => c.name)).toEqual(['both', 'only-b', 'via-rancher', '/broken']);
    expect(summaries.at(-1)).toMatchObject({ name: '/broken', source: '/broken', server: '' });
    expect(summaries.at(-1)?.error).toMatch(/^kubeconfig \/broken cannot be parsed: /);
    // `both` points at a cluster only the other file had; with that file absent the context says so.
    expect(summaries[0]?.error).toBe('cluster "a-cluster" is not defined in any kubeconfig');
  });
});

describe('parseKubeconfig', () => {
  it.each([
    ['YAML it cannot parse', 'clusters: [unclosed', /cannot be parsed: unexpected end of the stream/],
    ['a YAML scalar', 'hello world', /is not a kubeconfig: expected a YAML mapping/],
    ['a YAML list', '- a\n- b', /is not a kubeconfig/],
    ['two documents', 'clusters: []\n---\nusers: []', /holds 2 YAML documents/],
    [
      'a cluster without a server',
      'clusters:\n- name: c\n  cluster: {}',
      /clusters\[0\]\.cluster\.server is missing/,
    ],
  ])('reports %s as an error value', (_what, text, error) => {
    const result = parseKubeconfig('/k', text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(error);
  });

  it('treats an empty file as an empty kubeconfig, like kubectl', () => {
    const result = parseKubeconfig('/k', '# nothing yet\n');
    expect(result.ok && result.file.kubeConfig.getContexts()).toEqual([]);
  });

  it('keeps the file text, and so any credential in it, out of the error', () => {
    const text = 'users:\n- name: u\n  user:\n    token: hunter2-token\n    oops: [\n';
    const result = parseKubeconfig('/k', text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).not.toContain('hunter2');
  });
});

describe('loadKubeconfigFile', () => {
  it('reports a missing file as an error value', async () => {
    expect(await loadKubeconfigFile('/nonexistent/porthole/config')).toEqual({
      ok: false,
      path: '/nonexistent/porthole/config',
      error: 'does not exist',
    });
  });
});
