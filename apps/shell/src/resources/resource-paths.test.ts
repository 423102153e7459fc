import { describe, expect, it } from 'vitest';
import { groupFromSegment, groupSegment, parseApiVersion } from './resource-paths.ts';

describe('groupFromSegment and groupSegment', () => {
  it('map the core group both ways', () => {
    expect(groupFromSegment('core')).toBe('');
    expect(groupFromSegment('batch')).toBe('batch');
    expect(groupSegment('')).toBe('core');
    expect(groupSegment('rbac.authorization.k8s.io')).toBe('rbac.authorization.k8s.io');
  });
});

describe('parseApiVersion', () => {
  it('splits group and version, with the core group for a bare version', () => {
    expect(parseApiVersion('apps/v1')).toEqual({ group: 'apps', version: 'v1' });
    expect(parseApiVersion('v1')).toEqual({ group: '', version: 'v1' });
  });
});
