import { describe, expect, it } from 'vitest';
import { summarizeClusters, withoutUserinfo } from './cluster-summary.ts';
import type { ResolvedContext } from './resolved-context.ts';

const context: ResolvedContext = {
  name: 'prod',
  namespace: 'team-a',
  source: '/k/a',
  distribution: 'kubernetes',
  cluster: {
    name: 'c',
    source: '/k/a',
    config: {
      server: 'https://alice:pw-secret@c.example:6443/prefix',
      caData: 'PEM-CA',
      insecureSkipTlsVerify: false,
    },
  },
  user: { name: 'u', source: '/k/b', config: { token: 'tok-secret', keyData: 'PEM-KEY', password: 'pw2' } },
  fingerprint: 'fp',
};

describe('withoutUserinfo', () => {
  it('drops a user:password from the server URL, keeping the path', () => {
    expect(withoutUserinfo('https://alice:pw@c.example:6443/prefix')).toBe('https://c.example:6443/prefix');
    expect(withoutUserinfo('https://c.example:6443')).toBe('https://c.example:6443');
    expect(withoutUserinfo('https://c.example/a@b?x=y@z')).toBe('https://c.example/a@b?x=y@z');
  });

  it('drops it from text that is not a valid URL too', () => {
    expect(withoutUserinfo('https://alice:p w@c ex')).toBe('https://c ex');
    expect(withoutUserinfo('alice:pw@c.example')).toBe('c.example');
  });
});

describe('summarizeClusters', () => {
  it('lists name, server without userinfo, distribution, namespace, source, cluster and user names and error, nothing else', () => {
    const broken: ResolvedContext = { ...context, name: 'broken', cluster: undefined, error: 'why' };
    expect(summarizeClusters([context, broken])).toEqual([
      {
        name: 'prod',
        server: 'https://c.example:6443/prefix',
        distribution: 'kubernetes',
        namespace: 'team-a',
        source: '/k/a',
        clusterName: 'c',
        user: 'u',
      },
      {
        name: 'broken',
        server: '',
        distribution: 'kubernetes',
        namespace: 'team-a',
        source: '/k/a',
        user: 'u',
        error: 'why',
      },
    ]);
    const json = JSON.stringify(summarizeClusters([context]));
    for (const secret of ['pw-secret', 'tok-secret', 'PEM-', 'pw2', 'fp']) expect(json).not.toContain(secret);
  });
});
