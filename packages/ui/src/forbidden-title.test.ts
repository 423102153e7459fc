import { describe, expect, it } from 'vitest';
import { forbiddenTitle, forbiddenWhere } from './forbidden-title.ts';

describe('forbiddenTitle', () => {
  it('names the kind and the namespace', () => {
    expect(forbiddenTitle('list', 'Secrets', { namespace: 'default' })).toBe(
      "You can't list Secrets in namespace default",
    );
  });
  it('says all namespaces when none is chosen, cluster-wide for a cluster-scoped kind', () => {
    expect(forbiddenWhere({ namespace: '' })).toBe('in all namespaces');
    expect(forbiddenWhere({})).toBe('in all namespaces');
    expect(forbiddenTitle('list', 'Nodes', { namespaced: false, namespace: 'web' })).toBe(
      "You can't list Nodes cluster-wide",
    );
  });
});
