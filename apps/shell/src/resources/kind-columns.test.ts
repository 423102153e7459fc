import type { KubeObject } from '@porthole/sdk';
import { describe, expect, it } from 'vitest';
import { kindColumns, type TimeWords } from './kind-columns.ts';

const now = Date.parse('2026-01-01T00:10:00Z');
/** Minutes, enough to tell the columns pass the right times. */
const time: TimeWords = {
  now,
  age: (t) => `${Math.round((now - Date.parse(t)) / 60_000)}m`,
  duration: (ms) => `${ms / 1000}s`,
};

function row(group: string, resource: string, object: KubeObject): Record<string, string> {
  return Object.fromEntries(kindColumns(group, resource).map((c) => [c.title, c.value(object, time)]));
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
    expect(row('', 'pods', pod)).toEqual({
      Ready: '1/2',
      Status: 'CrashLoopBackOff',
      Restarts: '3',
      IP: '',
      Node: '',
    });
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
    ).toMatchObject({ Ready: '2/3', 'Up-to-date': '0', Available: '0' });
    expect(
      row('', 'nodes', { metadata: {}, status: { conditions: [{ type: 'Ready', status: 'True' }] } }).Status,
    ).toBe('Ready');
  });

  it("follows kubectl -o wide: a cordoned node, a Service's ports, an event's object and last seen", () => {
    const node = {
      metadata: { labels: { 'node-role.kubernetes.io/control-plane': '' } },
      spec: { unschedulable: true },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        addresses: [{ type: 'InternalIP', address: '10.0.0.2' }],
        nodeInfo: { kubeletVersion: 'v1.20.2' },
      },
    };
    expect(row('', 'nodes', node)).toEqual({
      Status: 'Ready,SchedulingDisabled',
      Roles: 'control-plane',
      Version: 'v1.20.2',
      'Internal IP': '10.0.0.2',
    });
    const service = {
      metadata: {},
      spec: {
        type: 'NodePort',
        clusterIP: '10.96.0.9',
        ports: [
          { port: 80, protocol: 'TCP', nodePort: 30080 },
          { port: 53, protocol: 'UDP' },
        ],
        selector: { app: 'web' },
      },
    };
    expect(row('', 'services', service)).toMatchObject({ Ports: '80:30080/TCP,53/UDP', Selector: 'app=web' });
    const event = {
      metadata: {},
      type: 'Warning',
      reason: 'BackOff',
      count: 4,
      lastTimestamp: '2026-01-01T00:07:00Z',
      involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'web-1', namespace: 'demo' },
    };
    expect(row('', 'events', event)).toMatchObject({ Object: 'Pod/web-1', Count: '4', 'Last seen': '3m' });
    const objectColumn = kindColumns('', 'events').find((c) => c.title === 'Object');
    expect(objectColumn?.target?.(event)).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      name: 'web-1',
      namespace: 'demo',
    });
  });

  it('has no extra columns for a kind it does not know', () => {
    expect(kindColumns('example.com', 'widgets')).toEqual([]);
  });
});
