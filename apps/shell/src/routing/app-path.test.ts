import { describe, expect, it } from 'vitest';
import {
  hrefOf,
  parseAppPath,
  resourceDetailHref,
  resourceIndexHref,
  resourceListHref,
  switchClusterHref,
} from './app-path.ts';

describe('parseAppPath', () => {
  it('reads the shell pages', () => {
    expect(parseAppPath('/')).toEqual({ page: 'root' });
    expect(parseAppPath('/bundle')).toEqual({ page: 'plugins' });
    expect(parseAppPath('/ui-gallery')).toEqual({ page: 'ui-gallery' });
    expect(parseAppPath('/c/admin%40prod')).toEqual({ page: 'cluster-home', cluster: 'admin@prod' });
    expect(parseAppPath('/c/prod/plugins')).toEqual({ page: 'plugins', cluster: 'prod' });
    expect(parseAppPath('/c/prod/r')).toEqual({ page: 'resource-index', cluster: 'prod' });
  });

  it('reads resource lists and objects, core group as core and cluster scope as _', () => {
    expect(parseAppPath('/c/prod/r/core/v1/pods')).toEqual({
      page: 'resource-list',
      cluster: 'prod',
      group: '',
      version: 'v1',
      resource: 'pods',
    });
    expect(parseAppPath('/c/prod/r/apps/v1/deployments/web/api')).toMatchObject({
      page: 'resource-detail',
      group: 'apps',
      namespace: 'web',
      name: 'api',
    });
    const node = parseAppPath('/c/prod/r/core/v1/nodes/_/node-1');
    expect(node).toMatchObject({ page: 'resource-detail', name: 'node-1' });
    expect(node).not.toHaveProperty('namespace');
  });

  it('leaves every other path below a cluster to the plugins, still encoded', () => {
    expect(parseAppPath('/c/prod/cronjobs/web/a%2Fb')).toEqual({
      page: 'plugin-route',
      cluster: 'prod',
      rest: 'cronjobs/web/a%2Fb',
    });
  });

  it('calls malformed paths not found', () => {
    for (const path of ['/nothing', '/c', '/c/prod/r/core/v1/pods/web', '/c/%E0%A4%A']) {
      expect(parseAppPath(path).page).toBe('not-found');
    }
  });

  it('is the inverse of hrefOf', () => {
    for (const path of [
      '/',
      '/bundle',
      '/ui-gallery',
      '/c/a%40b',
      '/c/p/plugins',
      '/c/p/r',
      '/c/p/r/core/v1/pods',
      '/c/p/x/y',
    ]) {
      expect(hrefOf(parseAppPath(path))).toBe(path);
    }
  });
});

describe('resourceIndexHref, resourceListHref and resourceDetailHref', () => {
  it('encode every segment', () => {
    const ref = { cluster: 'admin@prod', group: '', version: 'v1', resource: 'configmaps' };
    expect(resourceIndexHref('admin@prod')).toBe('/c/admin%40prod/r');
    expect(resourceListHref(ref)).toBe('/c/admin%40prod/r/core/v1/configmaps');
    expect(resourceListHref({ ...ref, group: 'apps', resource: 'deployments' })).toBe(
      '/c/admin%40prod/r/apps/v1/deployments',
    );
    expect(resourceDetailHref({ ...ref, namespace: 'web', name: 'a b' })).toBe(
      '/c/admin%40prod/r/core/v1/configmaps/web/a%20b',
    );
    expect(resourceDetailHref({ ...ref, resource: 'namespaces', name: 'web' })).toBe(
      '/c/admin%40prod/r/core/v1/namespaces/_/web',
    );
  });
});

describe('switchClusterHref', () => {
  it('keeps lists, plugin pages and the plugins page; an object becomes the list of its kind', () => {
    expect(switchClusterHref('/c/a/r/core/v1/pods', 'b')).toBe('/c/b/r/core/v1/pods');
    expect(switchClusterHref('/c/a/r/core/v1/pods/web/web-0', 'b')).toBe('/c/b/r/core/v1/pods');
    expect(switchClusterHref('/c/a/cronjobs', 'b')).toBe('/c/b/cronjobs');
    expect(switchClusterHref('/c/a/plugins', 'b')).toBe('/c/b/plugins');
    expect(switchClusterHref('/', 'b')).toBe('/c/b');
  });
});
