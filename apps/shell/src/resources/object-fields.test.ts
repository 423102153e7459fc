import { describe, expect, it } from 'vitest';
import { annotationsOf, conditionsOf, fieldOf, labelsOf, ownerReferencesOf } from './object-fields.ts';

const object = {
  metadata: {
    name: 'web-1',
    labels: { app: 'web', bad: 3 },
    annotations: { note: 'hi' },
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'u1', controller: true },
      { kind: 'NoApiVersion', name: 'x' },
    ],
  },
  status: {
    phase: 'Running',
    conditions: [
      { type: 'Ready', status: 'True', lastTransitionTime: '2024-01-01T00:00:00Z' },
      { status: 'False' },
      {
        type: 'Progressing',
        status: 'True',
        lastUpdateTime: '2024-01-02T00:00:00Z',
        reason: 'NewReplicaSetAvailable',
      },
    ],
  },
};

describe('object fields', () => {
  it('reads labels and annotations, keeping string values only', () => {
    expect(labelsOf(object)).toEqual({ app: 'web' });
    expect(annotationsOf(object)).toEqual({ note: 'hi' });
    expect(labelsOf({ metadata: {} })).toEqual({});
  });

  it('reads well-formed owner references', () => {
    expect(ownerReferencesOf(object)).toEqual([
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'u1', controller: true },
    ]);
  });

  it('reads conditions with a type, taking lastUpdateTime when there is no lastTransitionTime', () => {
    expect(conditionsOf(object).map((c) => [c.type, c.status, c.lastTransitionTime])).toEqual([
      ['Ready', 'True', '2024-01-01T00:00:00Z'],
      ['Progressing', 'True', '2024-01-02T00:00:00Z'],
    ]);
  });

  it('reads a nested field by path, undefined when a step is missing', () => {
    expect(fieldOf(object, 'status', 'phase')).toBe('Running');
    expect(fieldOf(object, 'spec', 'replicas')).toBeUndefined();
  });
});
