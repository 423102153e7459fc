import type { KubeObject } from '@porthole/sdk';
import { describe, expect, it } from 'vitest';
import { jobDurationMs, rolloutWords, strategyWords, workloadCounts } from './rollout-facts.ts';

const deployment = (
  spec: Record<string, unknown>,
  status: Record<string, unknown>,
  generation = 1,
): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', generation },
  spec,
  status: { observedGeneration: 1, ...status },
});

describe('rolloutWords', () => {
  it('says how far a Deployment rollout is, as kubectl rollout status does', () => {
    expect(rolloutWords(deployment({ replicas: 3 }, {}, 2)).words).toBe(
      'Waiting for the controller to see the latest change',
    );
    expect(rolloutWords(deployment({ replicas: 3 }, { replicas: 3, updatedReplicas: 1 })).words).toBe(
      'Rolling out: 1 of 3 new replicas updated',
    );
    expect(rolloutWords(deployment({ replicas: 3 }, { replicas: 4, updatedReplicas: 3 })).words).toBe(
      'Rolling out: 1 old replica pending termination',
    );
    expect(
      rolloutWords(deployment({ replicas: 3 }, { replicas: 3, updatedReplicas: 3, availableReplicas: 2 }))
        .words,
    ).toBe('Rolling out: 2 of 3 updated replicas available');
    expect(
      rolloutWords(deployment({ replicas: 3 }, { replicas: 3, updatedReplicas: 3, availableReplicas: 3 })),
    ).toEqual({ tone: 'ok', words: 'Up to date: 3 replicas available' });
    expect(
      rolloutWords(
        deployment(
          { replicas: 1 },
          {
            conditions: [
              {
                type: 'Progressing',
                status: 'False',
                reason: 'ProgressDeadlineExceeded',
                message: 'too slow',
              },
            ],
          },
        ),
      ),
    ).toEqual({ tone: 'error', words: 'Rollout stalled: too slow' });
    expect(rolloutWords(deployment({ replicas: 1, paused: true }, {})).words).toBe('Rollout paused');
  });

  it('reads StatefulSets and DaemonSets by their own fields', () => {
    const sts = (status: Record<string, unknown>): KubeObject => ({
      kind: 'StatefulSet',
      metadata: { name: 's' },
      spec: { replicas: 2 },
      status,
    });
    expect(rolloutWords(sts({ readyReplicas: 1 })).words).toBe('Rolling out: 1 of 2 pods ready');
    expect(rolloutWords(sts({ readyReplicas: 2, currentRevision: 'a', updateRevision: 'a' })).words).toBe(
      'Up to date: 2 pods ready',
    );
    const ds: KubeObject = {
      kind: 'DaemonSet',
      metadata: { name: 'd' },
      status: { desiredNumberScheduled: 2, updatedNumberScheduled: 1, numberAvailable: 1 },
    };
    expect(rolloutWords(ds).words).toBe('Rolling out: 1 of 2 pods updated');
    expect(workloadCounts(ds)).toEqual({ desired: 2, ready: 0, updated: 1, available: 1 });
  });
});

describe('strategyWords', () => {
  it('names the strategy and its rolling-update limits', () => {
    expect(
      strategyWords(
        deployment(
          { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } } },
          {},
        ),
      ),
    ).toBe('RollingUpdate (max surge 25%, max unavailable 1)');
    expect(strategyWords(deployment({ strategy: { type: 'Recreate' } }, {}))).toBe('Recreate');
  });
});

describe('jobDurationMs', () => {
  it('runs from start to completion, or to now while running', () => {
    const job = (status: Record<string, unknown>): KubeObject => ({
      kind: 'Job',
      metadata: { name: 'j' },
      status,
    });
    expect(
      jobDurationMs(job({ startTime: '2026-01-01T00:00:00Z', completionTime: '2026-01-01T00:00:12Z' }), 0),
    ).toBe(12_000);
    expect(
      jobDurationMs(job({ startTime: '2026-01-01T00:00:00Z' }), Date.parse('2026-01-01T00:01:00Z')),
    ).toBe(60_000);
    expect(jobDurationMs(job({}), 0)).toBeUndefined();
  });
});
