import { isBadRequest } from '@porthole/protocol';
import { describe, expect, it } from 'vitest';
import { isClusterPath, parseClusterPath, upstreamPath } from './cluster-path.ts';

describe('parseClusterPath', () => {
  it('splits the context name, the API path and the query, keeping their encoding', () => {
    expect(parseClusterPath('/clusters/admin%40alpha/api/v1/pods?watch=1&labelSelector=a%3Db')).toEqual({
      name: 'admin@alpha',
      path: '/api/v1/pods',
      search: '?watch=1&labelSelector=a%3Db',
    });
  });

  it('decodes a name holding an encoded slash (EKS ARNs)', () => {
    expect(parseClusterPath('/clusters/arn%3Aaws%3Aeks%3Ax%3Acluster%2Fprod/version').name).toBe(
      'arn:aws:eks:x:cluster/prod',
    );
  });

  it('gives the server root for a bare context path', () => {
    expect(parseClusterPath('/clusters/a')).toEqual({ name: 'a', path: '/', search: '' });
  });

  it.each([
    '/clusters/a/../b/api',
    '/clusters/a/%2e%2e/%2e%2e/api',
    '/clusters//api',
    '/clusters/a/api%2Fv1',
  ])('refuses %s with a 400', (target) => {
    let caught: unknown;
    try {
      parseClusterPath(target);
    } catch (err) {
      caught = err;
    }
    expect(isBadRequest(caught)).toBe(true);
  });
});

describe('isClusterPath', () => {
  it('is true only under /clusters/', () => {
    expect(isClusterPath('/clusters/a/api')).toBe(true);
    expect(isClusterPath('/clusters')).toBe(false);
    expect(isClusterPath('/ws')).toBe(false);
  });
});

describe('upstreamPath', () => {
  const target = { name: 'r', path: '/api/v1/pods', search: '?limit=5' };

  it("keeps the server URL's own path prefix", () => {
    expect(upstreamPath(new URL('https://rancher.example/k8s/clusters/c-abc'), target)).toBe(
      '/k8s/clusters/c-abc/api/v1/pods?limit=5',
    );
    expect(upstreamPath(new URL('https://rancher.example/k8s/clusters/c-abc/'), target)).toBe(
      '/k8s/clusters/c-abc/api/v1/pods?limit=5',
    );
  });

  it('uses the path alone for a server without a prefix', () => {
    expect(upstreamPath(new URL('https://10.0.0.1:6443'), target)).toBe('/api/v1/pods?limit=5');
  });
});
