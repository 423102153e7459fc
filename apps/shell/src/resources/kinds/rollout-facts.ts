import type { KubeObject } from '@porthole/sdk';
import { conditionsOf, fieldOf } from '../object-fields.ts';

const num = (value: unknown) => (typeof value === 'number' ? value : 0);
const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** The counts of a workload: what it wants and what it has. */
export interface WorkloadCounts {
  desired: number;
  ready: number;
  updated: number;
  available: number;
}

/**
 * Desired / ready / updated / available of a Deployment, StatefulSet, ReplicaSet or DaemonSet (by its
 * `kind`).
 *
 * @example
 * workloadCounts(deployment); // { desired: 3, ready: 2, updated: 3, available: 2 }
 */
export function workloadCounts(object: KubeObject): WorkloadCounts {
  const s = (key: string) => num(fieldOf(object, 'status', key));
  if (object.kind === 'DaemonSet') {
    return {
      desired: s('desiredNumberScheduled'),
      ready: s('numberReady'),
      updated: s('updatedNumberScheduled'),
      available: s('numberAvailable'),
    };
  }
  const replicas = fieldOf(object, 'spec', 'replicas');
  // A missing spec.replicas defaults to 1 (the API server fills it in; a Scale omits 0).
  const desired = typeof replicas === 'number' ? replicas : 1;
  const updated =
    object.kind === 'StatefulSet'
      ? s('updatedReplicas')
      : object.kind === 'ReplicaSet'
        ? s('fullyLabeledReplicas')
        : s('updatedReplicas');
  return { desired, ready: s('readyReplicas'), updated, available: s('availableReplicas') };
}

/** A rollout's state in words, with a tone for its pill. */
export interface RolloutWords {
  tone: 'ok' | 'warning' | 'error' | 'neutral';
  words: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function observed(object: KubeObject): boolean {
  const generation = object.metadata.generation;
  const seen = fieldOf(object, 'status', 'observedGeneration');
  return typeof generation !== 'number' || typeof seen !== 'number' || seen >= generation;
}

/**
 * Where a workload's rollout stands, in words, following `kubectl rollout status`: waiting for the
 * controller, stalled past its progress deadline, paused, rolling out (how far), or done.
 *
 * @example
 * rolloutWords(deployment); // { tone: 'warning', words: 'Rolling out: 1 of 3 new replicas updated' }
 */
export function rolloutWords(object: KubeObject): RolloutWords {
  if (!observed(object))
    return { tone: 'neutral', words: 'Waiting for the controller to see the latest change' };
  const c = workloadCounts(object);
  const total = num(fieldOf(object, 'status', 'replicas'));
  switch (object.kind) {
    case 'Deployment': {
      const progressing = conditionsOf(object).find((x) => x.type === 'Progressing');
      if (progressing?.reason === 'ProgressDeadlineExceeded')
        return {
          tone: 'error',
          words: `Rollout stalled: ${progressing.message ?? 'progress deadline exceeded'}`,
        };
      if (fieldOf(object, 'spec', 'paused') === true) return { tone: 'warning', words: 'Rollout paused' };
      if (c.updated < c.desired)
        return {
          tone: 'warning',
          words: `Rolling out: ${c.updated} of ${plural(c.desired, 'new replica')} updated`,
        };
      if (total > c.updated)
        return {
          tone: 'warning',
          words: `Rolling out: ${plural(total - c.updated, 'old replica')} pending termination`,
        };
      if (c.available < c.updated)
        return {
          tone: 'warning',
          words: `Rolling out: ${c.available} of ${plural(c.updated, 'updated replica')} available`,
        };
      return { tone: 'ok', words: `Up to date: ${plural(c.available, 'replica')} available` };
    }
    case 'StatefulSet': {
      if (str(fieldOf(object, 'spec', 'updateStrategy', 'type')) === 'OnDelete')
        return { tone: 'neutral', words: 'Updates pods only when they are deleted (OnDelete)' };
      if (c.ready < c.desired)
        return { tone: 'warning', words: `Rolling out: ${c.ready} of ${plural(c.desired, 'pod')} ready` };
      const current = str(fieldOf(object, 'status', 'currentRevision'));
      const update = str(fieldOf(object, 'status', 'updateRevision'));
      if (update && current !== update)
        return { tone: 'warning', words: `Rolling out: ${c.updated} of ${plural(c.desired, 'pod')} updated` };
      return { tone: 'ok', words: `Up to date: ${plural(c.ready, 'pod')} ready` };
    }
    case 'DaemonSet': {
      if (c.updated < c.desired)
        return { tone: 'warning', words: `Rolling out: ${c.updated} of ${plural(c.desired, 'pod')} updated` };
      if (c.available < c.updated)
        return {
          tone: 'warning',
          words: `Rolling out: ${c.available} of ${plural(c.updated, 'updated pod')} available`,
        };
      return { tone: 'ok', words: `Up to date: ${plural(c.available, 'pod')} available` };
    }
    default:
      if (c.ready < c.desired)
        return { tone: 'warning', words: `${c.ready} of ${plural(c.desired, 'pod')} ready` };
      return { tone: 'ok', words: `All ${plural(c.desired, 'pod')} ready` };
  }
}

/**
 * How a workload replaces its pods, in words.
 *
 * @example
 * strategyWords(deployment); // 'RollingUpdate (max surge 25%, max unavailable 25%)'
 */
export function strategyWords(object: KubeObject): string {
  const strategy = fieldOf(object, 'spec', object.kind === 'Deployment' ? 'strategy' : 'updateStrategy');
  const type = str(fieldOf(strategy as KubeObject, 'type'));
  if (!type) return object.kind === 'ReplicaSet' ? 'None (a ReplicaSet does not roll out)' : 'Default';
  const rolling = fieldOf(strategy as KubeObject, 'rollingUpdate');
  const text = (v: unknown) => (typeof v === 'number' || typeof v === 'string' ? String(v) : '');
  const details = [
    text(fieldOf(rolling as KubeObject, 'maxSurge')) &&
      `max surge ${text(fieldOf(rolling as KubeObject, 'maxSurge'))}`,
    text(fieldOf(rolling as KubeObject, 'maxUnavailable')) &&
      `max unavailable ${text(fieldOf(rolling as KubeObject, 'maxUnavailable'))}`,
    text(fieldOf(rolling as KubeObject, 'partition')) &&
      `partition ${text(fieldOf(rolling as KubeObject, 'partition'))}`,
  ].filter(Boolean);
  return details.length > 0 ? `${type} (${details.join(', ')})` : type;
}

/**
 * How long a Job ran: start to completion, or to `now` while it runs; `undefined` before it starts.
 *
 * @example
 * jobDurationMs(job, Date.now()); // 12000
 */
export function jobDurationMs(job: KubeObject, now: number): number | undefined {
  const start = Date.parse(str(fieldOf(job, 'status', 'startTime')));
  if (Number.isNaN(start)) return undefined;
  const end = Date.parse(str(fieldOf(job, 'status', 'completionTime')));
  return Math.max(0, (Number.isNaN(end) ? now : end) - start);
}
