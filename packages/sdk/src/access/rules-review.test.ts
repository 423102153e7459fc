import { describe, expect, it } from 'vitest';
import { type ResourceRule, rulesAllow } from './rules-review.ts';

const edit: ResourceRule[] = [
  { verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods', 'configmaps', 'namespaces'] },
  { verbs: ['*'], apiGroups: ['apps'], resources: ['deployments'] },
  { verbs: ['get'], apiGroups: [''], resources: ['secrets'] },
  { verbs: ['list'], apiGroups: ['batch'], resources: ['jobs'], resourceNames: ['only-this'] },
];

describe('rulesAllow', () => {
  it('allows a verb on a resource of a group that a rule names', () => {
    expect(rulesAllow(edit, 'list', '', 'pods')).toBe(true);
    expect(rulesAllow(edit, 'list', 'apps', 'deployments')).toBe(true);
  });

  it('refuses what no rule names: another verb, group or resource', () => {
    expect(rulesAllow(edit, 'list', '', 'secrets')).toBe(false);
    expect(rulesAllow(edit, 'list', 'apps', 'pods')).toBe(false);
    expect(rulesAllow(edit, 'list', '', 'deployments')).toBe(false);
    expect(rulesAllow([], 'list', '', 'pods')).toBe(false);
  });

  it('does not count a rule narrowed to names as leave to list the kind', () => {
    expect(rulesAllow(edit, 'list', 'batch', 'jobs')).toBe(false);
  });

  it('reads * in verbs, groups and resources as anything', () => {
    expect(
      rulesAllow([{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], 'list', 'x.io', 'widgets'),
    ).toBe(true);
    expect(
      rulesAllow([{ verbs: ['list'], apiGroups: ['*'], resources: ['widgets'] }], 'list', 'x.io', 'widgets'),
    ).toBe(true);
  });

  it('ignores a subresource rule for the resource itself', () => {
    expect(
      rulesAllow([{ verbs: ['list'], apiGroups: [''], resources: ['pods/log'] }], 'list', '', 'pods'),
    ).toBe(false);
  });
});
