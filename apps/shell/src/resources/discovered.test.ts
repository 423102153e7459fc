import type { DiscoveredResource } from '@porthole/sdk';
import { describe, expect, it } from 'vitest';
import { findKind, findResource } from './discovered.ts';

const r = (
  group: string,
  version: string,
  kind: string,
  resource: string,
  preferred = true,
): DiscoveredResource => ({
  group,
  version,
  kind,
  resource,
  preferred,
  namespaced: true,
  verbs: ['list', 'watch'],
});
const served = [
  r('', 'v1', 'ConfigMap', 'configmaps'),
  r('batch', 'v1beta1', 'CronJob', 'cronjobs', false),
  r('autoscaling', 'v1', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers'),
  r('autoscaling', 'v2beta2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', false),
];

describe('findResource', () => {
  it('finds a resource by address, with core as the core group', () => {
    const address = { cluster: 'c', group: 'core', version: 'v1', resource: 'configmaps' };
    expect(findResource(served, address)?.kind).toBe('ConfigMap');
    expect(findResource(served, { ...address, group: '' })?.kind).toBe('ConfigMap');
    expect(findResource(served, { ...address, version: 'v2' })).toBeUndefined();
  });
});

describe('findKind', () => {
  it("takes the owner's exact version when served, else the preferred one, else any", () => {
    expect(findKind(served, 'autoscaling', 'v2beta2', 'HorizontalPodAutoscaler')?.version).toBe('v2beta2');
    expect(findKind(served, 'autoscaling', 'v2beta1', 'HorizontalPodAutoscaler')?.version).toBe('v1');
    expect(findKind(served, 'batch', 'v1', 'CronJob')?.version).toBe('v1beta1');
    expect(findKind(served, 'example.com', 'v1', 'Widget')).toBeUndefined();
  });
});
