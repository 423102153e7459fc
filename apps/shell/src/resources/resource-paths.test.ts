import { describe, expect, it } from 'vitest';
import {
  groupFromSegment,
  groupSegment,
  parseApiVersion,
  resourceDetailPath,
  resourceIndexPath,
  resourceListPath,
} from './resource-paths.ts';

const configMaps = { cluster: 'admin@e2e', group: '', version: 'v1', resource: 'configmaps' };

describe('resourceListPath', () => {
  it('spells the core group as core and encodes the cluster', () => {
    expect(resourceListPath(configMaps)).toBe('/c/admin%40e2e/r/core/v1/configmaps');
  });

  it('keeps a named group and accepts core as the core group', () => {
    expect(resourceListPath({ ...configMaps, group: 'apps', resource: 'deployments' })).toBe(
      '/c/admin%40e2e/r/apps/v1/deployments',
    );
    expect(resourceListPath({ ...configMaps, group: 'core' })).toBe('/c/admin%40e2e/r/core/v1/configmaps');
  });
});

describe('resourceDetailPath', () => {
  it('puts namespace and name after the list path', () => {
    expect(resourceDetailPath({ ...configMaps, namespace: 'web', name: 'settings' })).toBe(
      '/c/admin%40e2e/r/core/v1/configmaps/web/settings',
    );
  });

  it('uses _ as the namespace of a cluster-scoped object and encodes odd names', () => {
    expect(resourceDetailPath({ ...configMaps, resource: 'nodes', name: 'node/1 a' })).toBe(
      '/c/admin%40e2e/r/core/v1/nodes/_/node%2F1%20a',
    );
  });
});

describe('resourceIndexPath', () => {
  it('is the r path of the cluster', () => {
    expect(resourceIndexPath('prod')).toBe('/c/prod/r');
  });
});

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
