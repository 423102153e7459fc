import type { ClusterSummary } from '@porthole/sdk';
import { describe, expect, it } from 'vitest';
import { orderClusters, rememberCluster } from './switcher-order.ts';

const c = (name: string, server = `https://${name}.example`): ClusterSummary => ({
  name,
  server,
  distribution: 'kubernetes',
  namespace: 'default',
  source: '/k',
});

describe('orderClusters', () => {
  const items = [c('alpha'), c('prod'), c('preview'), c('dev', 'https://10.0.0.1')];
  it('puts the recent ones first, most recent first, then the rest by name', () => {
    expect(orderClusters(items, ['prod', 'dev'], '').map((x) => x.name)).toEqual([
      'prod',
      'dev',
      'alpha',
      'preview',
    ]);
  });
  it('filters by name or server, in any case', () => {
    expect(orderClusters(items, ['preview'], 'PR').map((x) => x.name)).toEqual(['preview', 'prod']);
    expect(orderClusters(items, [], '10.0').map((x) => x.name)).toEqual(['dev']);
  });
});

describe('rememberCluster', () => {
  it('moves the used cluster to the front and keeps at most eight', () => {
    expect(rememberCluster(['a', 'b', 'c'], 'c')).toEqual(['c', 'a', 'b']);
    expect(rememberCluster(['1', '2', '3', '4', '5', '6', '7', '8'], 'x')).toHaveLength(8);
  });
});
