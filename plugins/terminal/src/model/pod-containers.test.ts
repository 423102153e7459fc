import type { KubeObject } from '@porthole/sdk';
import { describe, expect, it } from 'vitest';
import { containerLabel, defaultContainer, podContainers } from './pod-containers.ts';

const pod = (extra: Record<string, unknown> = {}, annotations?: Record<string, string>): KubeObject =>
  ({
    metadata: { name: 'p', ...(annotations ? { annotations } : {}) },
    spec: {
      initContainers: [{ name: 'migrate' }],
      containers: [{ name: 'app' }, { name: 'sidecar' }],
      ephemeralContainers: [{ name: 'debug' }],
    },
    status: {
      initContainerStatuses: [{ name: 'migrate', state: { terminated: {} } }],
      containerStatuses: [
        { name: 'app', restartCount: 2, state: { running: {} } },
        { name: 'sidecar', state: { waiting: {} } },
      ],
    },
    ...extra,
  }) as unknown as KubeObject;

describe('podContainers', () => {
  it('lists init, app and ephemeral containers with restart and running state', () => {
    expect(podContainers(pod())).toEqual([
      { name: 'migrate', kind: 'init', restarted: false, running: false },
      { name: 'app', kind: 'main', restarted: true, running: true },
      { name: 'sidecar', kind: 'main', restarted: false, running: false },
      { name: 'debug', kind: 'ephemeral', restarted: false, running: false },
    ]);
    expect(podContainers(undefined)).toEqual([]);
    expect(podContainers(pod()).map(containerLabel)).toEqual([
      'migrate (init)',
      'app',
      'sidecar',
      'debug (ephemeral)',
    ]);
  });
  it('starts on the annotated default container, else the first app container', () => {
    expect(defaultContainer(pod())).toBe('app');
    expect(defaultContainer(pod({}, { 'kubectl.kubernetes.io/default-container': 'sidecar' }))).toBe(
      'sidecar',
    );
    expect(defaultContainer(pod({}, { 'kubectl.kubernetes.io/default-container': 'nope' }))).toBe('app');
  });
});
