import { describe, expect, it } from 'vitest';
import v1 from './fixtures/cronjob-batch-v1.json' with { type: 'json' };
import v1beta1 from './fixtures/cronjob-batch-v1beta1.json' with { type: 'json' };
import { jobFromCronJob, manualAnnotation } from './job-from-cronjob.ts';
import type { CronJob } from './types.ts';

describe('jobFromCronJob', () => {
  it('builds what kubectl create job --from=cronjob builds, from a batch/v1 CronJob (1.21+)', () => {
    const cronJob = v1 as CronJob;
    const job = jobFromCronJob(cronJob, {
      name: 'nightly-report-manual-x7k2q',
      cronJobApiVersion: 'batch/v1',
    });
    expect(job).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: 'nightly-report-manual-x7k2q',
        namespace: 'payments',
        // The jobTemplate's annotations and labels, never the CronJob's own.
        annotations: { [manualAnnotation]: 'manual', owner: 'payments-oncall' },
        labels: { app: 'report', tier: 'batch' },
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            kind: 'CronJob',
            name: 'nightly-report',
            uid: '5f1d7c1e-9a5b-4a0e-8f1e-3c2b9a7d6e10',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: v1.spec.jobTemplate.spec,
    });
  });

  it('names the owner at batch/v1beta1 for a 1.20 CronJob and copies the spec (no shared references)', () => {
    const cronJob = v1beta1 as CronJob;
    const job = jobFromCronJob(cronJob, { name: 'tick-manual-bcdfg', cronJobApiVersion: 'batch/v1beta1' });
    expect(job.metadata.ownerReferences?.[0]).toMatchObject({
      apiVersion: 'batch/v1beta1',
      name: 'tick',
      uid: cronJob.metadata.uid,
    });
    expect(job.metadata.annotations).toEqual({ [manualAnnotation]: 'manual' });
    expect(job.metadata.labels).toBeUndefined();
    expect(job.spec).toEqual(v1beta1.spec.jobTemplate.spec);
    expect(job.spec).not.toBe(v1beta1.spec.jobTemplate.spec);
  });

  it('refuses an empty or unexpected owner API version (the field report: a 422 for an empty apiVersion)', () => {
    expect(() => jobFromCronJob(v1 as CronJob, { name: 'x', cronJobApiVersion: '' })).toThrow(/API version/);
    expect(() => jobFromCronJob(v1 as CronJob, { name: 'x', cronJobApiVersion: 'apps/v1' })).toThrow(
      /API version/,
    );
  });

  it('refuses a CronJob without a uid', () => {
    const { uid: _, ...metadata } = v1.metadata;
    expect(() =>
      jobFromCronJob({ ...(v1 as CronJob), metadata }, { name: 'x', cronJobApiVersion: 'batch/v1' }),
    ).toThrow(/uid/);
  });
});
