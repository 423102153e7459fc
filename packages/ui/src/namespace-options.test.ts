import { describe, expect, it } from 'vitest';
import { namespaceNameError, namespaceOptions, otherNamespaceValue } from './namespace-options.ts';

const labels = (choices: Parameters<typeof namespaceOptions>[0]) =>
  namespaceOptions(choices).map((o) => o.label);

describe('namespaceOptions', () => {
  it('offers all namespaces and every one, sorted, to someone who may list them', () => {
    expect(labels({ namespaces: ['web', 'default', 'web'], listable: true, value: '' })).toEqual([
      'All namespaces',
      'default',
      'web',
    ]);
  });

  it('offers only the usable namespaces and a way to type another to someone who may not', () => {
    const options = namespaceOptions({ namespaces: ['team-a'], listable: false, value: 'team-a' });
    expect(options.map((o) => o.label)).toEqual(['team-a', 'Other namespace…']);
    expect(options.at(-1)?.value).toBe(otherNamespaceValue);
  });

  it('keeps a chosen namespace that is not listed selectable', () => {
    expect(labels({ namespaces: ['team-a'], listable: false, value: 'default' })).toEqual([
      'default',
      'team-a',
      'Other namespace…',
    ]);
    expect(labels({ namespaces: [], listable: undefined, value: 'web' })).toEqual(['All namespaces', 'web']);
  });
});

describe('namespaceNameError', () => {
  it('accepts DNS labels', () => {
    for (const name of ['team-a', 'a', 'kube-system', '0x1', 'a'.repeat(63)])
      expect(namespaceNameError(name)).toBeUndefined();
  });

  it('refuses what could not be a namespace, hostile input included', () => {
    for (const name of [
      '',
      'Team',
      'team_a',
      '-a',
      'a-',
      '../secrets',
      'a/b',
      '<img src=x>',
      'a b',
      'a'.repeat(64),
    ])
      expect(namespaceNameError(name)).toMatch(/is not a namespace name/);
    expect(namespaceNameError('x'.repeat(500))?.length).toBeLessThan(200);
  });
});
