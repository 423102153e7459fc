import { describe, expect, it } from 'vitest';
import { fieldOfPath, keyAt, mappingPathAt } from './yaml-path.ts';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: web
          image: nginx
          ports:
            - containerPort: 80
          resources:
            limits:
              cpu: 1
  strategy:
    type: RollingUpdate
`.split('\n');

describe('mappingPathAt', () => {
  it('reads the mapping at the cursor from indentation, list items as 0', () => {
    expect(mappingPathAt(deployment, 5, 2)).toEqual(['spec']);
    expect(mappingPathAt(deployment, 3, 2)).toEqual(['metadata']);
    expect(mappingPathAt(deployment, 0, 0)).toEqual([]);
    expect(mappingPathAt(deployment, 10, 10)).toEqual(['spec', 'template', 'spec', 'containers', 0]);
    expect(mappingPathAt(deployment, 9, 10)).toEqual(['spec', 'template', 'spec', 'containers', 0]);
    expect(mappingPathAt(deployment, 12, 14)).toEqual([
      'spec',
      'template',
      'spec',
      'containers',
      0,
      'ports',
      0,
    ]);
    expect(mappingPathAt(deployment, 15, 14)).toEqual([
      'spec',
      'template',
      'spec',
      'containers',
      0,
      'resources',
      'limits',
    ]);
    expect(mappingPathAt(deployment, 17, 4)).toEqual(['spec', 'strategy']);
  });
  it('works on a half-typed line and on lists written without indentation', () => {
    const typing = [...deployment.slice(0, 6), '  rep'];
    expect(mappingPathAt(typing, 6, 5)).toEqual(['spec']);
    const flat = ['spec:', '  containers:', '  - name: a', '    ima'];
    expect(mappingPathAt(flat, 3, 7)).toEqual(['spec', 'containers', 0]);
    const nested = ['items:', '  - metadata:', '      name: a', '      lab'];
    expect(mappingPathAt(nested, 3, 9)).toEqual(['items', 0, 'metadata']);
  });
});

describe('keyAt and fieldOfPath', () => {
  it('finds the key under the cursor', () => {
    expect(keyAt('  replicas: 3', 4)).toEqual({ key: 'replicas', from: 2, to: 10 });
    expect(keyAt('        - name: web', 11)).toEqual({ key: 'name', from: 10, to: 14 });
    expect(keyAt('  replicas: 3', 12)).toBeUndefined();
  });
  it('writes paths as the API server names fields', () => {
    expect(fieldOfPath(['spec', 'template', 'spec', 'containers', 0, 'name'])).toBe(
      'spec.template.spec.containers[0].name',
    );
    expect(fieldOfPath(['metadata', 'labels', 'app.kubernetes.io/name'])).toBe(
      'metadata.labels[app.kubernetes.io/name]',
    );
  });
});
