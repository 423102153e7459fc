import { describe, expect, it } from 'vitest';
import { matchScore, type PaletteResult, rankResults } from './rank-results.ts';

const object = (name: string, kind = 'ConfigMap', namespace = 'default'): PaletteResult => ({
  type: 'object',
  name,
  kind,
  namespace,
  href: `/x/${kind}/${namespace}/${name}`,
});
const kind = (name: string): PaletteResult => ({ type: 'kind', name, kind: name, href: `/x/${name}` });
const cluster = (name: string): PaletteResult => ({
  type: 'cluster',
  name,
  kind: 'Cluster',
  href: `/c/${name}`,
});

describe('matchScore', () => {
  it('ranks an exact name over a prefix, a word start and a match inside a word; no match is undefined', () => {
    expect(matchScore('web', 'web')).toBe(0);
    expect(matchScore('web-config', 'web')).toBe(1);
    expect(matchScore('api-web-config', 'web')).toBe(2);
    expect(matchScore('cobweb', 'web')).toBe(3);
    expect(matchScore('api', 'web')).toBeUndefined();
  });

  it('ignores case and treats the query as text, never as a pattern', () => {
    expect(matchScore('ConfigMap', 'configm')).toBe(1);
    expect(matchScore('a.b', '.')).toBe(3);
    expect(matchScore('ab', '.')).toBeUndefined();
    expect(matchScore('x(y', '(')).toBe(3);
  });
});

describe('rankResults', () => {
  it('orders by match quality, then shorter names, then kinds before objects, then by name', () => {
    const results = [
      object('cobweb'),
      object('web-config-long'),
      object('web-config'),
      object('api-web'),
      kind('Web'),
      object('web', 'Service'),
      object('other'),
    ];
    expect(rankResults('web', results).map((r) => `${r.kind}/${r.name}`)).toEqual([
      'Web/Web',
      'Service/web',
      'ConfigMap/web-config',
      'ConfigMap/web-config-long',
      'ConfigMap/api-web',
      'ConfigMap/cobweb',
    ]);
  });

  it('puts a cluster after a kind and before an object of the same name', () => {
    const results = [object('prod', 'Namespace', ''), cluster('prod'), kind('prod')];
    expect(rankResults('prod', results).map((r) => r.type)).toEqual(['kind', 'cluster', 'object']);
    expect(rankResults('', [cluster('prod'), kind('Pod')]).map((r) => r.name)).toEqual(['Pod']);
  });

  it('keeps the first of two equal results (the same object from an open list and the server)', () => {
    const a = object('web');
    const b = { ...object('web'), name: 'web' };
    expect(rankResults('we', [a, b])).toEqual([a]);
  });

  it('gives at most `limit` results, and kinds only for an empty query', () => {
    const many = Array.from({ length: 80 }, (_, i) => object(`cm-${i}`));
    expect(rankResults('cm', many, 50)).toHaveLength(50);
    expect(rankResults('  ', [...many, kind('Pod')]).map((r) => r.name)).toEqual(['Pod']);
  });
});
