import { describe, expect, it } from 'vitest';
import { type KubeconfigFile, parseKubeconfig } from './kubeconfig.ts';
import { mergeKubeconfigs } from './merge-kubeconfigs.ts';

function file(path: string, text: string): KubeconfigFile {
  const result = parseKubeconfig(path, text);
  if (!result.ok) throw new Error(result.error);
  return result.file;
}

const a = file(
  '/a',
  `
current-context: a1
clusters: [{ name: shared, cluster: { server: https://a } }]
users: [{ name: shared, user: { token: from-a } }]
contexts: [{ name: a1, context: { cluster: shared } }, { name: both, context: { cluster: shared, namespace: from-a } }]
`,
);
const b = file(
  '/b',
  `
current-context: b1
clusters: [{ name: shared, cluster: { server: https://b } }, { name: only-b, cluster: { server: https://ob } }]
users: [{ name: shared, user: { token: from-b } }]
contexts: [{ name: both, context: { cluster: only-b } }, { name: b1, context: { cluster: only-b } }]
`,
);

describe('mergeKubeconfigs', () => {
  it('lets the first file win per cluster, user and context name, keeping file order', () => {
    const merged = mergeKubeconfigs([
      { path: '/a', file: a },
      { path: '/b', file: b },
    ]);
    expect(merged.contexts.map((c) => [c.name, c.source, c.namespace])).toEqual([
      ['a1', '/a', undefined],
      ['both', '/a', 'from-a'],
      ['b1', '/b', undefined],
    ]);
    expect(merged.clusters.get('shared')?.config?.server).toBe('https://a');
    expect(merged.clusters.get('only-b')?.source).toBe('/b');
    expect(merged.users.get('shared')?.config?.token).toBe('from-a');
    expect(merged.currentContext).toBe('a1');
    expect(merged.errors).toEqual([]);
  });

  it('takes the current context from the first file that sets one', () => {
    const none = file('/none', 'clusters: []');
    expect(
      mergeKubeconfigs([
        { path: '/none', file: none },
        { path: '/b', file: b },
      ]).currentContext,
    ).toBe('b1');
  });

  it('lists broken files as errors; one that had good contents still contributes them', () => {
    const merged = mergeKubeconfigs([
      { path: '/gone', error: 'does not exist' },
      { path: '/a', file: a, error: 'cannot be parsed: x' },
      parseKubeconfig('/broken', 'clusters: [unclosed'),
      { ok: true, file: b },
    ]);
    expect(merged.errors).toEqual([
      { source: '/gone', error: 'does not exist', keptLastGood: false },
      { source: '/a', error: 'cannot be parsed: x', keptLastGood: true },
      { source: '/broken', error: expect.stringMatching(/^cannot be parsed: /), keptLastGood: false },
    ]);
    expect(merged.contexts.map((c) => c.name)).toEqual(['a1', 'both', 'b1']);
  });
});
