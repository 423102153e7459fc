import { manualAnnotation } from './job-from-cronjob.ts';
import type { Job } from './types.ts';

/** A Job's state for people and a tone for its pill. */
export interface JobState {
  label: string;
  tone: 'ok' | 'warning' | 'error' | 'info' | 'neutral';
}

/**
 * Active / Succeeded / Failed (with the condition's reason) / Pending.
 *
 * @example
 * jobState({ metadata: {}, status: { conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] } });
 * // { label: 'Failed: BackoffLimitExceeded', tone: 'error' }
 */
export function jobState(job: Job): JobState {
  const condition = (type: string) =>
    job.status?.conditions?.find((c) => c.type === type && c.status === 'True');
  const failed = condition('Failed');
  if (failed) return { label: `Failed${failed.reason ? `: ${failed.reason}` : ''}`, tone: 'error' };
  if (condition('Complete')) return { label: 'Succeeded', tone: 'ok' };
  if ((job.status?.active ?? 0) > 0) return { label: 'Active', tone: 'info' };
  return { label: 'Pending', tone: 'neutral' };
}

/** True for a Job made by hand (Run now, kubectl create job --from). */
export function isManual(job: Job): boolean {
  return job.metadata.annotations?.[manualAnnotation] === 'manual';
}

/** The uid of the CronJob that controls `job`, if any. */
export function ownerCronJobUid(job: Job): string | undefined {
  return job.metadata.ownerReferences?.find((o) => o.kind === 'CronJob' && o.controller)?.uid;
}
