import { describe, expect, it } from 'vitest';
import { isManual, jobState, ownerCronJobUid } from './job-status.ts';
import type { Job } from './types.ts';

const job = (status: Job['status'], metadata: Partial<Job['metadata']> = {}): Job => ({
  metadata: { name: 'j', ...metadata },
  status,
});

describe('jobState', () => {
  it('reads Active, Succeeded, Failed with its reason, and Pending', () => {
    expect(jobState(job({ active: 1 }))).toEqual({ label: 'Active', tone: 'info' });
    expect(jobState(job({ succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] }))).toEqual({
      label: 'Succeeded',
      tone: 'ok',
    });
    expect(
      jobState(
        job({ failed: 3, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] }),
      ),
    ).toEqual({ label: 'Failed: BackoffLimitExceeded', tone: 'error' });
    expect(jobState(job({}))).toEqual({ label: 'Pending', tone: 'neutral' });
    // A condition that is not True doesn't count.
    expect(jobState(job({ active: 1, conditions: [{ type: 'Failed', status: 'False' }] })).label).toBe(
      'Active',
    );
  });
});

describe('isManual and ownerCronJobUid', () => {
  it('tell a manual run and its controlling CronJob', () => {
    const manual = job(
      {},
      {
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' },
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: 'not-this' },
          { apiVersion: 'batch/v1', kind: 'CronJob', name: 'c', uid: 'cron-uid', controller: true },
        ],
      },
    );
    expect(isManual(manual)).toBe(true);
    expect(ownerCronJobUid(manual)).toBe('cron-uid');
    expect(isManual(job({}))).toBe(false);
    expect(ownerCronJobUid(job({}))).toBeUndefined();
  });
});
