import { describe, expect, it } from 'vitest';
import { type LoadKubeconfigResult, parseKubeconfig } from './kubeconfig.ts';
import { mergeKubeconfigs } from './merge-kubeconfigs.ts';
import { resolveContexts } from './resolve-contexts.ts';

const resolveAll = (...results: LoadKubeconfigResult[]) =>
  resolveContexts(mergeKubeconfigs(results), { fingerprintKey: 'test-key' });

describe('resolveContexts', () => {
  it('joins each context to the cluster and user it names, from whichever file defined them', () => {
    const a = parseKubeconfig(
      '/home/a/config',
      'contexts: [{ name: x, context: { cluster: c, user: u, namespace: ns } }]\nclusters: [{ name: c, cluster: { server: https://a, certificate-authority: ca.pem } }]',
    );
    const b = parseKubeconfig(
      '/srv/b/config',
      'users: [{ name: u, user: { tokenFile: token } }]\nclusters: [{ name: c, cluster: { server: https://b } }]',
    );
    const [x] = resolveAll(a, b);
    expect(x).toMatchObject({
      name: 'x',
      namespace: 'ns',
      source: '/home/a/config',
      distribution: 'kubernetes',
      cluster: {
        name: 'c',
        source: '/home/a/config',
        config: { server: 'https://a', caFile: '/home/a/ca.pem', insecureSkipTlsVerify: false },
      },
      user: { name: 'u', source: '/srv/b/config', config: { tokenFile: '/srv/b/token' } },
    });
    expect(x?.error).toBeUndefined();
  });

  it('says why a context cannot be used', () => {
    const file = parseKubeconfig(
      '/k',
      `
clusters:
- { name: no-server, cluster: {} }
- { name: bad, cluster: { server: [x] } }
users:
- { name: bad-user, user: { exec: { command: x } } }
contexts:
- { name: no-cluster, context: { user: nobody } }
- { name: ghost, context: { cluster: ghost, user: ghost } }
- { name: empty-server, context: { cluster: no-server } }
- { name: malformed, context: { cluster: bad, user: bad-user } }
- name: weird-dist
  context:
    cluster: no-server
    extensions: [{ name: porthole.dev/distribution, extension: k3s }]
- { name: no-user, context: { cluster: no-server } }
`,
    );
    const errors = Object.fromEntries(resolveAll(file).map((c) => [c.name, c.error]));
    expect(errors).toEqual({
      'no-cluster': 'the context names no cluster; user "nobody" is not defined in any kubeconfig',
      ghost:
        'cluster "ghost" is not defined in any kubeconfig; user "ghost" is not defined in any kubeconfig',
      'empty-server': 'cluster "no-server" has no server',
      malformed:
        'cluster "bad" (clusters[1] of /k): server must be a string; user "bad-user" (users[0] of /k): exec.apiVersion is missing',
      'weird-dist':
        'cluster "no-server" has no server; porthole.dev/distribution is "k3s", expected one of kubernetes, rancher, eks, gke, openshift',
      'no-user': 'cluster "no-server" has no server',
    });
  });

  it('takes the distribution from the context, then its cluster, then detects it', () => {
    const file = parseKubeconfig(
      '/k',
      `
clusters:
- name: declared
  cluster: { server: https://c, extensions: [{ name: porthole.dev/distribution, extension: openshift }] }
- name: rancher
  cluster: { server: 'https://rancher.example/k8s/clusters/c-m-1' }
contexts:
- { name: plain, context: { cluster: declared } }
- name: own
  context: { cluster: declared, extensions: [{ name: porthole.dev/distribution, extension: gke }] }
- { name: detected, context: { cluster: rancher } }
`,
    );
    expect(resolveAll(file).map((c) => [c.name, c.distribution])).toEqual([
      ['plain', 'openshift'],
      ['own', 'gke'],
      ['detected', 'rancher'],
    ]);
  });

  it('gives equal fingerprints for equal contexts and new ones when the context, cluster or user changes', () => {
    const text = `
clusters: [{ name: c, cluster: { server: https://c } }]
users: [{ name: u, user: { token: t1 } }]
contexts: [{ name: x, context: { cluster: c, user: u } }, { name: other, context: { cluster: c } }]
`;
    const fp = (t: string) => {
      const result = parseKubeconfig('/k', t);
      if (!result.ok) throw new Error(result.error);
      return resolveAll(result).map((c) => c.fingerprint);
    };
    const [x, y] = fp(text);
    expect(fp(text)).toEqual([x, y]);
    expect(fp(`# a comment\n${text}`)).toEqual([x, y]);
    expect(fp(text.replace('t1', 't2'))).toEqual([expect.not.stringMatching(x!), y]);
    expect(fp(text.replace('https://c', 'https://d'))).toEqual([
      expect.not.stringMatching(x!),
      expect.not.stringMatching(y!),
    ]);
    expect(fp(text.replace('cluster: c }', 'cluster: c, namespace: n }'))[1]).not.toBe(y);
    expect(
      resolveContexts(mergeKubeconfigs([parseKubeconfig('/k', text)]), { fingerprintKey: 'other' })[0]
        ?.fingerprint,
    ).not.toBe(x);
  });
});
