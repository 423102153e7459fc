import type { KubeObject } from '@porthole/protocol';
import { describe, expect, it } from 'vitest';
import { conditionalJsonPatch } from './json-patch.ts';

const object = (fields: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name: 'w', resourceVersion: '42', ...metadata },
  ...fields,
});

describe('conditionalJsonPatch', () => {
  it("starts with a test of from's resourceVersion and has nothing else when nothing changed", () => {
    const from = object({ spec: { size: 1 } });
    expect(conditionalJsonPatch(from, structuredClone(from))).toEqual([
      { op: 'test', path: '/metadata/resourceVersion', value: '42' },
    ]);
  });

  it('replaces, adds and removes top-level fields whole', () => {
    const from = object({ spec: { size: 1, color: 'red' }, data: { a: '1' } });
    const to = object({ spec: { size: 2, color: 'red' }, extra: [1] });
    expect(conditionalJsonPatch(from, to)).toEqual([
      { op: 'test', path: '/metadata/resourceVersion', value: '42' },
      { op: 'replace', path: '/spec', value: { size: 2, color: 'red' } },
      { op: 'remove', path: '/data' },
      { op: 'add', path: '/extra', value: [1] },
    ]);
  });

  it('writes the writable metadata (labels, annotations, finalizers, ownerReferences) and no other', () => {
    const owner = { apiVersion: 'v1', kind: 'ConfigMap', name: 'o', uid: 'u' };
    const from = object({}, { labels: { a: '1' }, annotations: { n: 'x' }, uid: 'u1', generation: 1 });
    const to = object(
      {},
      {
        labels: { a: '2' },
        finalizers: ['f'],
        ownerReferences: [owner],
        uid: 'u2',
        generation: 5,
        name: 'other',
      },
    );
    expect(conditionalJsonPatch(from, to)).toEqual([
      { op: 'test', path: '/metadata/resourceVersion', value: '42' },
      { op: 'replace', path: '/metadata/labels', value: { a: '2' } },
      { op: 'remove', path: '/metadata/annotations' },
      { op: 'add', path: '/metadata/finalizers', value: ['f'] },
      { op: 'add', path: '/metadata/ownerReferences', value: [owner] },
    ]);
  });

  it('never writes apiVersion, kind, metadata as a whole or status', () => {
    const from = object({ status: { ready: 1 } });
    const to = { ...object({ status: { ready: 2 } }), apiVersion: 'example.com/v2', kind: 'Gadget' };
    expect(conditionalJsonPatch(from, to)).toHaveLength(1);
  });

  it('escapes ~ and / in keys as JSON pointer tokens (~0, ~1)', () => {
    const ops = conditionalJsonPatch(object({}), object({ 'a/b~c': 1, '~1': 2 }));
    expect(ops.slice(1).map((op) => op.path)).toEqual(['/a~1b~0c', '/~01']);
  });
});
