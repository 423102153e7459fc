import { describe, expect, it } from 'vitest';
import { createHref, createStart } from './starter.ts';

const start = (query: string) => createStart(new URLSearchParams(query));

describe('createStart', () => {
  it('writes a starter for the kind in the namespace', () => {
    expect(start('apiVersion=v1&kind=ConfigMap&namespace=team-a&namespaced=true')).toEqual({
      text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: new-configmap\n  namespace: team-a\n',
      namespace: 'team-a',
      refused: [],
    });
  });
  it('leaves the namespace out for a cluster-scoped kind, and is empty without a kind', () => {
    expect(start('apiVersion=rbac.authorization.k8s.io/v1&kind=ClusterRole&namespaced=false').text).toBe(
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: new-clusterrole\n',
    );
    expect(start('')).toEqual({ text: '', refused: [] });
  });
  it('refuses hostile values rather than writing them into the YAML', () => {
    const hostile = new URLSearchParams({
      apiVersion: 'v1',
      kind: 'ConfigMap\nmetadata:\n  name: evil',
      namespace: 'kube-system\n  labels: {x: y}',
    });
    const result = createStart(hostile);
    expect(result.text).toBe('');
    expect(result.namespace).toBeUndefined();
    expect(result.refused).toEqual([
      'the kind in the address is not a valid kind; it was ignored',
      'the namespace in the address is not a valid namespace name; it was ignored',
    ]);
    for (const apiVersion of ['v1\nkind: Secret', 'v1 #', 'a:b/v1', '{}', '../v1'])
      expect(createStart(new URLSearchParams({ apiVersion, kind: 'Pod' })).text).toBe('');
    expect(start('apiVersion=v1&kind=Pod&namespace=A_B').refused).toHaveLength(1);
  });
});

describe('createHref', () => {
  it('round-trips through createStart', () => {
    const href = createHref({
      cluster: 'kind/prod',
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      namespaced: true,
      namespace: 'web',
    });
    expect(href).toBe(
      '/c/kind%2Fprod/create?apiVersion=apps%2Fv1&kind=Deployment&namespaced=true&namespace=web',
    );
    expect(start(href.split('?')[1] ?? '').text).toContain(
      'kind: Deployment\nmetadata:\n  name: new-deployment\n  namespace: web\n',
    );
  });
});
