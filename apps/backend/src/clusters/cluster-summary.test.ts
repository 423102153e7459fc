import { describe, expect, it } from 'vitest';
import { detectDistribution, summarizeClusters } from './cluster-summary.ts';
import { mergeKubeconfigs, parseKubeconfig } from './kubeconfig.ts';

describe('detectDistribution', () => {
  it('recognises a Rancher server by its /k8s/clusters/ path', () => {
    expect(detectDistribution('https://rancher.example.com/k8s/clusters/c-m-1', [])).toEqual({
      distribution: 'rancher',
    });
    expect(detectDistribution('https://10.0.0.1:6443', [])).toEqual({ distribution: 'kubernetes' });
  });

  it('prefers a declared distribution, the first one given', () => {
    expect(detectDistribution('https://10.0.0.1:6443', [undefined, 'eks']).distribution).toBe('eks');
    expect(detectDistribution('https://10.0.0.1:6443', ['gke', 'eks']).distribution).toBe('gke');
  });

  it('reports a declared value it does not know, and falls back to detection', () => {
    const result = detectDistribution('https://r.example/k8s/clusters/x', ['k3s']);
    expect(result.distribution).toBe('rancher');
    expect(result.error).toBe(
      'porthole.dev/distribution is "k3s", expected one of kubernetes, rancher, eks, gke, openshift',
    );
  });
});

describe('summarizeClusters', () => {
  const summarize = (text: string) => summarizeClusters(mergeKubeconfigs([parseKubeconfig('/k', text)]));

  it('reads the distribution extension of a context, then of its cluster', () => {
    const text = `
clusters:
- name: c
  cluster:
    server: https://c.example
    extensions: [{ name: porthole.dev/distribution, extension: openshift }]
contexts:
- name: plain
  context: { cluster: c }
- name: declared
  context:
    cluster: c
    extensions: [{ name: porthole.dev/distribution, extension: gke }]
`;
    expect(summarize(text).map((c) => [c.name, c.distribution])).toEqual([
      ['plain', 'openshift'],
      ['declared', 'gke'],
    ]);
  });

  it('shows the context namespace, or default', () => {
    const text = `
clusters: [{ name: c, cluster: { server: 'https://c.example' } }]
contexts:
- { name: a, context: { cluster: c, namespace: team-a } }
- { name: b, context: { cluster: c } }
`;
    expect(summarize(text).map((c) => c.namespace)).toEqual(['team-a', 'default']);
  });

  it('drops a user:password from the server URL', () => {
    const text = `
clusters: [{ name: c, cluster: { server: 'https://alice:pw-secret@c.example:6443/prefix' } }]
contexts: [{ name: a, context: { cluster: c } }]
`;
    expect(summarize(text)[0]?.server).toBe('https://c.example:6443/prefix');
  });

  it('flags a context whose user is not defined', () => {
    const text = `
clusters: [{ name: c, cluster: { server: 'https://c.example' } }]
contexts: [{ name: a, context: { cluster: c, user: ghost } }]
`;
    expect(summarize(text)[0]?.error).toBe('user "ghost" is not defined in any kubeconfig');
  });
});
