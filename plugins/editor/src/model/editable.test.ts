import type { KubeObject } from '@porthole/sdk';
import { describe, expect, it } from 'vitest';
import { editableObject, identityChange, objectYaml, parseObjectYaml, withTypeMeta } from './editable.ts';

const cm: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'a',
    namespace: 'default',
    resourceVersion: '7',
    managedFields: [{ manager: 'kubectl' }],
  },
  data: { x: '1' },
};

describe('editableObject and objectYaml', () => {
  it('hides managedFields unless asked and never shows status', () => {
    const deployment = { ...cm, status: { replicas: 1 } } as KubeObject;
    expect(editableObject(deployment).metadata).not.toHaveProperty('managedFields');
    expect(editableObject(deployment)).not.toHaveProperty('status');
    expect(editableObject(deployment, { managedFields: true }).metadata.managedFields).toEqual([
      { manager: 'kubectl' },
    ]);
    expect(objectYaml(editableObject(cm))).toBe(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: default\n  resourceVersion: "7"\ndata:\n  x: "1"\n',
    );
  });
});

describe('parseObjectYaml', () => {
  it('round-trips an object', () => {
    expect(parseObjectYaml(objectYaml(cm))).toEqual({ ok: true, object: cm });
  });
  it('gives the line and column of a syntax error', () => {
    const result = parseObjectYaml('kind: ConfigMap\nmetadata:\n  name: [a\ndata: {}\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.line).toBeGreaterThanOrEqual(3);
  });
  it('refuses duplicate keys, lists, scalars and objects without metadata, with a reason', () => {
    const dup = parseObjectYaml('kind: A\nkind: B\nmetadata: {}\n');
    expect(dup).toMatchObject({ ok: false, problem: { line: 2 } });
    expect(parseObjectYaml('- a\n- b\n')).toMatchObject({
      ok: false,
      problem: { message: expect.stringContaining('list') },
    });
    expect(parseObjectYaml('just text')).toMatchObject({ ok: false });
    expect(parseObjectYaml('kind: A\n')).toMatchObject({
      ok: false,
      problem: { message: expect.stringContaining('metadata') },
    });
  });
  it('does not expand a billion laughs', () => {
    const bomb = `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nmetadata: {}\n`;
    expect(parseObjectYaml(bomb)).toMatchObject({
      ok: false,
      problem: { message: expect.stringMatching(/alias/i) },
    });
  });
});

describe('identityChange', () => {
  it('refuses a changed name, namespace, kind or apiVersion, and accepts other edits', () => {
    expect(identityChange(cm, { ...cm, data: { x: '2' } })).toBeUndefined();
    expect(identityChange(cm, { ...cm, metadata: { ...cm.metadata, name: 'b' } })).toContain(
      'metadata.name changed from "a" to "b"',
    );
    expect(identityChange(cm, { ...cm, metadata: { ...cm.metadata, namespace: 'kube-system' } })).toContain(
      'namespace',
    );
    expect(identityChange(cm, { ...cm, kind: 'Secret' })).toContain('kind');
    expect(identityChange(cm, { ...cm, apiVersion: 'v2' })).toContain('apiVersion');
  });
});

describe('withTypeMeta', () => {
  it('fills apiVersion and kind of a watched item, first in the YAML, and copies it', () => {
    const watched = { metadata: { name: 'd' }, spec: {} } as KubeObject;
    const typed = withTypeMeta(watched, { group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(Object.keys(typed)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(typed).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment' });
    expect(typed.metadata).not.toBe(watched.metadata);
    expect(withTypeMeta(cm, { group: '', version: 'v1', kind: 'ConfigMap' })).toEqual(cm);
  });
});
