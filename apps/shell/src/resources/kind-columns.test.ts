import type { KubeObject } from '@porthole/sdk';
import { describe, expect, it } from 'vitest';
import { kindColumns } from './kind-columns.ts';

function row(group: string, resource: string, object: KubeObject): Record<string, string> {
  return Object.fromEntries(kindColumns(group, resource).map((c) => [c.title, c.value(object)]));
}

describe('kindColumns', () => {
  it('counts the keys of a ConfigMap', () => {
    expect(
      row('', 'configmaps', { metadata: {}, data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }),
    ).toEqual({
      Data: '3',
    });
    expect(row('', 'configmaps', { metadata: {} })).toEqual({ Data: '0' });
  });

  it('summarises a pod like kubectl get pods', () => {
    const pod: KubeObject = {
      metadata: {},
      spec: { containers: [{ name: 'a' }, { name: 'b' }] },
      status: {
        phase: 'Pending',
        containerStatuses: [
          { ready: true, restartCount: 2 },
          { ready: false, restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ],
      },
    };
    expect(row('', 'pods', pod)).toEqual({ Ready: '1/2', Status: 'CrashLoopBackOff', Restarts: '3' });
    expect(row('', 'pods', { ...pod, metadata: { deletionTimestamp: '2024-01-01T00:00:00Z' } }).Status).toBe(
      'Terminating',
    );
    const done = {
      metadata: {},
      status: { phase: 'Succeeded', containerStatuses: [{ state: { terminated: { reason: 'Completed' } } }] },
    };
    expect(row('', 'pods', done).Status).toBe('Completed');
  });

  it('shows ready replicas of a deployment and the node Ready condition', () => {
    expect(
      row('apps', 'deployments', { metadata: {}, spec: { replicas: 3 }, status: { readyReplicas: 2 } }),
    ).toEqual({ Ready: '2/3' });
    expect(
      row('', 'nodes', { metadata: {}, status: { conditions: [{ type: 'Ready', status: 'True' }] } }),
    ).toEqual({ Status: 'Ready' });
  });

  it('has no extra columns for a kind it does not know', () => {
    expect(kindColumns('example.com', 'widgets')).toEqual([]);
  });
});
