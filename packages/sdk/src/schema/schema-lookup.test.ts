import { describe, expect, it } from 'vitest';
import { extractKindSchema } from './kind-schema.ts';
import { checkObject, describeField, fieldsAt, schemaAt } from './schema-lookup.ts';

// The shape of the real documents (v2 definitions, $refs, x-kubernetes-group-version-kind), cut down.
const v2 = {
  definitions: {
    'io.k8s.api.apps.v1.Deployment': {
      'x-kubernetes-group-version-kind': [{ group: 'apps', kind: 'Deployment', version: 'v1' }],
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
        spec: { $ref: '#/definitions/io.k8s.api.apps.v1.DeploymentSpec' },
      },
    },
    'io.k8s.api.apps.v1.DeploymentSpec': {
      required: ['selector'],
      properties: {
        replicas: { type: 'integer', format: 'int32', description: 'Number of desired pods.' },
        selector: { type: 'object', additionalProperties: { type: 'string' } },
        template: {
          properties: {
            spec: {
              properties: {
                containers: { type: 'array', items: { $ref: '#/definitions/io.k8s.api.core.v1.Container' } },
              },
            },
          },
        },
        strategy: {
          properties: {
            rollingUpdate: {
              properties: {
                maxSurge: { $ref: '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString' },
              },
            },
          },
        },
      },
    },
    'io.k8s.api.core.v1.Container': {
      properties: {
        name: { type: 'string', description: 'Name of the container.' },
        args: { type: 'array', items: { type: 'string' } },
      },
    },
    'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
      properties: {
        name: { type: 'string' },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
    'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: 'string', format: 'int-or-string' },
    'io.k8s.api.core.v1.Unrelated': { properties: { x: { type: 'string' } } },
  },
};
const gvk = { group: 'apps', version: 'v1', kind: 'Deployment' };

describe('extractKindSchema', () => {
  it('keeps the kind and what it reaches, with references as names', () => {
    const kind = extractKindSchema(v2, gvk);
    expect(kind?.root).toBe('io.k8s.api.apps.v1.Deployment');
    expect(Object.keys(kind?.definitions ?? {}).sort()).toEqual([
      'io.k8s.api.apps.v1.Deployment',
      'io.k8s.api.apps.v1.DeploymentSpec',
      'io.k8s.api.core.v1.Container',
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
      'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
    ]);
    expect(kind?.definitions['io.k8s.api.apps.v1.Deployment']?.properties?.spec?.$ref).toBe(
      'io.k8s.api.apps.v1.DeploymentSpec',
    );
  });
  it('reads v3 components and finds nothing for a kind that is not there or a document that is not one', () => {
    const v3 = { components: { schemas: v2.definitions } };
    expect(extractKindSchema(v3, gvk)?.root).toBe('io.k8s.api.apps.v1.Deployment');
    expect(extractKindSchema(v2, { ...gvk, kind: 'Nope' })).toBeUndefined();
    expect(extractKindSchema('nope', gvk)).toBeUndefined();
  });
  it('runs from its own source text (as the SDK runs it in a Worker)', () => {
    const rebuilt = new Function(`return ${extractKindSchema.toString()}`)() as typeof extractKindSchema;
    expect(rebuilt(v2, gvk)).toEqual(extractKindSchema(v2, gvk));
  });
});

describe('lookups', () => {
  const kind = extractKindSchema(v2, gvk);
  if (!kind) throw new Error('no schema');
  it('lists the fields at a path with types, descriptions and required', () => {
    expect(fieldsAt(kind, ['spec'])).toEqual([
      { name: 'replicas', type: 'integer', description: 'Number of desired pods.', required: false },
      { name: 'selector', type: 'map of string', description: '', required: true },
      { name: 'strategy', type: 'object', description: '', required: false },
      { name: 'template', type: 'object', description: '', required: false },
    ]);
    expect(fieldsAt(kind, ['spec', 'template', 'spec', 'containers', 0]).map((f) => f.name)).toEqual([
      'args',
      'name',
    ]);
    expect(describeField(kind, ['spec', 'template', 'spec', 'containers', 0, 'name'])?.description).toBe(
      'Name of the container.',
    );
    expect(schemaAt(kind, ['spec', 'nope'])).toBeUndefined();
  });
  it('flags unknown fields and wrong types, and accepts maps, int-or-string and nulls', () => {
    const problems = checkObject(kind, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { any: 'thing' } },
      spec: {
        replicas: 'x',
        replica: 2,
        selector: { app: 'web' },
        strategy: { rollingUpdate: { maxSurge: '25%' } },
        template: { spec: { containers: [{ name: 1, args: ['a', 2] }, { name: null }] } },
      },
    });
    expect(problems).toEqual([
      { path: ['spec', 'replicas'], message: 'must be an integer, not "x"' },
      { path: ['spec', 'replica'], message: 'unknown field "replica" in DeploymentSpec' },
      { path: ['spec', 'template', 'spec', 'containers', 0, 'name'], message: 'must be a string, not 1' },
      { path: ['spec', 'template', 'spec', 'containers', 0, 'args', 1], message: 'must be a string, not 2' },
    ]);
    expect(checkObject(kind, { spec: { strategy: { rollingUpdate: { maxSurge: 1.5 } } } })).toEqual([
      {
        path: ['spec', 'strategy', 'rollingUpdate', 'maxSurge'],
        message: 'must be an integer or a string, not 1.5',
      },
    ]);
  });
});
