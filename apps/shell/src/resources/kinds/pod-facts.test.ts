import type { KubeObject } from '@porthole/sdk';
import { describe, expect, it } from 'vitest';
import { containerStateWords, podContainers, podQosClass, podStatusWord } from './pod-facts.ts';

const pod = (spec: Record<string, unknown>, status: Record<string, unknown> = {}, meta = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default', ...meta },
  spec,
  status,
});

describe('containerStateWords', () => {
  it('reads running, waiting and terminated states', () => {
    expect(containerStateWords({ running: { startedAt: '2026-01-01T00:00:00Z' } })).toEqual({
      kind: 'running',
      reason: 'Running',
      detail: '',
      at: '2026-01-01T00:00:00Z',
    });
    expect(
      containerStateWords({ waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s' } }),
    ).toMatchObject({
      kind: 'waiting',
      reason: 'CrashLoopBackOff',
      detail: 'back-off 10s',
    });
    expect(containerStateWords({ terminated: { exitCode: 137, signal: 9 } })).toMatchObject({
      kind: 'terminated',
      reason: 'Error',
      detail: 'exit code 137, signal 9',
    });
    expect(containerStateWords(undefined).kind).toBe('unknown');
  });
});

describe('podContainers', () => {
  it('joins init containers and containers with their statuses by name, with ports, resources, env and mounts', () => {
    const p = pod(
      {
        initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
        containers: [
          {
            name: 'app',
            image: 'nginx:1.25',
            ports: [{ containerPort: 80, name: 'http' }],
            resources: { requests: { cpu: '100m' }, limits: { cpu: '200m', memory: '64Mi' } },
            envFrom: [{ configMapRef: { name: 'app-config' } }],
            env: [
              { name: 'MODE', value: 'prod' },
              { name: 'PASS', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
            ],
            volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true }],
          },
        ],
      },
      {
        initContainerStatuses: [
          { name: 'setup', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
        ],
        containerStatuses: [
          {
            name: 'app',
            ready: true,
            restartCount: 2,
            imageID: 'docker://sha',
            state: { running: {} },
            lastState: { terminated: { exitCode: 1, reason: 'Error' } },
          },
        ],
      },
    );
    const [setup, app] = podContainers(p);
    expect(setup).toMatchObject({ name: 'setup', init: true, state: { reason: 'Completed' } });
    expect(app).toMatchObject({
      name: 'app',
      init: false,
      image: 'nginx:1.25',
      ready: true,
      restarts: 2,
      ports: ['80/TCP (http)'],
      resources: ['cpu 100m / 200m', 'memory – / 64Mi'],
      envSources: ['ConfigMap app-config', 'MODE = prod', 'PASS ← Secret creds/password'],
      mounts: ['/data ← data (read-only)'],
      lastTermination: { reason: 'Error', detail: 'exit code 1' },
    });
  });

  it('calls a container without a status yet Pending', () => {
    expect(podContainers(pod({ containers: [{ name: 'a', image: 'x' }] }))[0]?.state.reason).toBe('Pending');
  });
});

describe('podStatusWord', () => {
  it('follows kubectl: a waiting reason wins over the phase, init progress, Terminating', () => {
    const containers = [{ name: 'a' }];
    expect(
      podStatusWord(
        pod(
          { containers },
          { phase: 'Running', containerStatuses: [{ state: { running: {} }, ready: true }] },
        ),
      ),
    ).toBe('Running');
    expect(
      podStatusWord(
        pod(
          { containers },
          { phase: 'Running', containerStatuses: [{ state: { waiting: { reason: 'CrashLoopBackOff' } } }] },
        ),
      ),
    ).toBe('CrashLoopBackOff');
    expect(
      podStatusWord(
        pod(
          { containers, initContainers: [{ name: 'i' }, { name: 'j' }] },
          {
            phase: 'Pending',
            initContainerStatuses: [{ state: { terminated: { exitCode: 0 } } }, { state: { running: {} } }],
          },
        ),
      ),
    ).toBe('Init:1/2');
    expect(
      podStatusWord(
        pod(
          { containers },
          {
            phase: 'Succeeded',
            containerStatuses: [{ state: { terminated: { reason: 'Completed', exitCode: 0 } } }],
          },
        ),
      ),
    ).toBe('Completed');
    expect(
      podStatusWord(pod({ containers }, { phase: 'Running' }, { deletionTimestamp: '2026-01-01T00:00:00Z' })),
    ).toBe('Terminating');
  });
});

describe('podQosClass', () => {
  it('reads status.qosClass, else computes Guaranteed, Burstable or BestEffort', () => {
    expect(podQosClass(pod({ containers: [] }, { qosClass: 'Guaranteed' }))).toBe('Guaranteed');
    expect(podQosClass(pod({ containers: [{ name: 'a' }] }))).toBe('BestEffort');
    expect(
      podQosClass(pod({ containers: [{ name: 'a', resources: { limits: { cpu: '1', memory: '1Gi' } } }] })),
    ).toBe('Guaranteed');
    expect(podQosClass(pod({ containers: [{ name: 'a', resources: { requests: { cpu: '1' } } }] }))).toBe(
      'Burstable',
    );
  });
});
