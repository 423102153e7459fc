import type { KubeObject } from '@porthole/sdk';
import { threeWayMerge } from '@porthole/sdk/merge';
import { describe, expect, it } from 'vitest';
import { resolveConflicts } from './resolve.ts';

const cm = (data: Record<string, string>, rv = '1'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'a', namespace: 'default', resourceVersion: rv },
  data,
});

describe('resolveConflicts', () => {
  const base = cm({ a: '0', b: '0', c: '0' });
  const mine = cm({ a: 'mine', b: 'mine', c: '0', d: 'new' });
  const theirs = cm({ a: 'theirs', b: 'theirs', c: 'theirs' }, '2');
  const { conflicts } = threeWayMerge(base as never, mine as never, theirs as never);

  it("keeps theirs, takes mine per field, and always keeps both sides' disjoint changes", () => {
    expect(conflicts.map((c) => c.path).sort()).toEqual(['data.a', 'data.b']);
    const resolved = resolveConflicts(base, mine, theirs, conflicts, {
      'data.a': 'mine',
      'data.b': 'theirs',
    });
    expect(resolved.data).toEqual({ a: 'mine', b: 'theirs', c: 'theirs', d: 'new' });
    expect(resolved.metadata.resourceVersion).toBe('2');
  });

  it('takes a removal as mine', () => {
    const removed = cm({ b: '0', c: '0' });
    const c2 = threeWayMerge(base as never, removed as never, theirs as never).conflicts;
    const resolved = resolveConflicts(base, removed, theirs, c2, { 'data.a': 'mine' });
    expect(resolved.data).not.toHaveProperty('a');
  });

  it("sets a keyed list item's field", () => {
    const dep = (image: string, rv = '1'): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', resourceVersion: rv },
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'web', image },
              { name: 'side', image: 'x' },
            ],
          },
        },
      },
    });
    const c3 = threeWayMerge(dep('1') as never, dep('mine') as never, dep('theirs', '2') as never).conflicts;
    const resolved = resolveConflicts(dep('1'), dep('mine'), dep('theirs', '2'), c3, {
      [c3[0]?.path ?? '']: 'mine',
    });
    expect(resolved).toMatchObject({
      spec: { template: { spec: { containers: [{ name: 'web', image: 'mine' }, { name: 'side' }] } } },
    });
  });
});
