import { describe, expect, it } from 'vitest';
import { clusterPath, resourcePath } from './resource-path.ts';

describe('resourcePath', () => {
  it('builds core, group, namespaced, cluster-scoped and subresource paths', () => {
    const pods = { cluster: 'c', group: '', version: 'v1', resource: 'pods' };
    expect(resourcePath({ ...pods, namespace: 'default' })).toBe('/api/v1/namespaces/default/pods');
    expect(resourcePath({ ...pods, namespace: 'default', name: 'web-1', subresource: 'log' })).toBe(
      '/api/v1/namespaces/default/pods/web-1/log',
    );
    expect(
      resourcePath({
        cluster: 'c',
        group: 'batch',
        version: 'v1beta1',
        resource: 'cronjobs',
        namespace: 'demo',
        name: 'x',
      }),
    ).toBe('/apis/batch/v1beta1/namespaces/demo/cronjobs/x');
    expect(resourcePath({ cluster: 'c', group: '', version: 'v1', resource: 'nodes' })).toBe('/api/v1/nodes');
  });

  it('refuses segments that would change the path', () => {
    expect(() =>
      resourcePath({ cluster: 'c', group: '', version: 'v1', resource: 'pods', namespace: '..' }),
    ).toThrow(/namespace/);
    expect(() =>
      resourcePath({ cluster: 'c', group: '', version: 'v1', resource: 'pods', name: 'a/b' }),
    ).toThrow(/name/);
  });
});

describe('clusterPath', () => {
  it('puts the context name, encoded, under /clusters/', () => {
    expect(clusterPath('admin@demo', '/api/v1/pods')).toBe('/clusters/admin%40demo/api/v1/pods');
    expect(() => clusterPath('', '/api')).toThrow(/cluster/);
  });
});
