import { describe, expect, it } from 'vitest';
import { detectDistribution, readDistributionExtension } from './distribution.ts';

describe('detectDistribution', () => {
  it('recognises a Rancher server by its /k8s/clusters/ path', () => {
    expect(detectDistribution('https://rancher.example.com/k8s/clusters/c-m-1', [])).toEqual({
      distribution: 'rancher',
    });
    expect(detectDistribution('https://10.0.0.1:6443', [])).toEqual({ distribution: 'kubernetes' });
    expect(detectDistribution('https://k8s.example.com/clusters/k8s', [])).toEqual({
      distribution: 'kubernetes',
    });
  });

  it('prefers a declared distribution, the first one given', () => {
    expect(detectDistribution('https://10.0.0.1:6443', [undefined, 'eks']).distribution).toBe('eks');
    expect(detectDistribution('https://10.0.0.1:6443', ['gke', 'eks']).distribution).toBe('gke');
    expect(detectDistribution('https://r.example/k8s/clusters/x', ['kubernetes']).distribution).toBe(
      'kubernetes',
    );
  });

  it('reports a declared value it does not know, and falls back to detection', () => {
    const result = detectDistribution('https://r.example/k8s/clusters/x', ['k3s', 'eks']);
    expect(result).toEqual({
      distribution: 'rancher',
      error: 'porthole.dev/distribution is "k3s", expected one of kubernetes, rancher, eks, gke, openshift',
    });
    expect(detectDistribution('https://c', [{ kind: 'x' }]).error).toMatch(
      /^porthole.dev\/distribution is an object,/,
    );
    expect(detectDistribution('https://c', [null]).error).toMatch(/^porthole.dev\/distribution is empty,/);
  });
});

describe('readDistributionExtension', () => {
  it('finds the porthole.dev/distribution entry among other extensions', () => {
    const extensions = [
      { name: 'client.authentication.k8s.io/exec', extension: { audience: 'x' } },
      { name: 'porthole.dev/distribution', extension: 'gke' },
    ];
    expect(readDistributionExtension(extensions)).toBe('gke');
  });

  it('returns undefined when there is none, or the list is not a list', () => {
    expect(readDistributionExtension(undefined)).toBeUndefined();
    expect(readDistributionExtension({ name: 'porthole.dev/distribution' })).toBeUndefined();
    expect(readDistributionExtension([null, 'x', { name: 'other', extension: 'eks' }])).toBeUndefined();
  });
});
