import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type TestCluster } from './cluster.ts';
import type { KubeObject } from './kube-client.ts';
import { waitFor } from './wait.ts';

type Job = KubeObject & { status?: { succeeded?: number; failed?: number } };

describe('start (controller manager)', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await start({ name: 'cron' });
  });
  afterAll(() => cluster?.stop());

  it("spawns a batch/v1beta1 CronJob's Job on schedule, and the kubelet stand-in runs it to completion", async () => {
    const admin = cluster.client();
    const cronJob = await admin.must<KubeObject>('POST', '/apis/batch/v1beta1/namespaces/default/cronjobs', {
      apiVersion: 'batch/v1beta1',
      kind: 'CronJob',
      metadata: { name: 'every-minute' },
      spec: {
        schedule: '*/1 * * * *',
        jobTemplate: {
          spec: {
            backoffLimit: 0,
            template: {
              spec: {
                restartPolicy: 'Never',
                containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'echo ran'] }],
              },
            },
          },
        },
      },
    });
    const job = await waitFor(
      'a Job owned by the CronJob',
      async () => {
        const jobs = await admin.must<{ items: Job[] }>('GET', '/apis/batch/v1/namespaces/default/jobs');
        return jobs.items.find((j) =>
          j.metadata.ownerReferences?.some((o) => o.uid === cronJob.metadata.uid),
        );
      },
      100_000,
      1000,
    );
    expect(job.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', name: 'every-minute' });
    const done = await waitFor(
      'the Job to succeed',
      async () => {
        const j = await admin.must<Job>('GET', `/apis/batch/v1/namespaces/default/jobs/${job.metadata.name}`);
        return (j.status?.succeeded ?? 0) >= 1 && j;
      },
      30_000,
    );
    expect(done.status?.succeeded).toBe(1);
  });

  it('marks a Job whose command fails as failed', async () => {
    const admin = cluster.client();
    await admin.must('POST', '/apis/batch/v1/namespaces/default/jobs', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'fails' },
      spec: {
        backoffLimit: 0,
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'echo bad >&2; exit 1'] }],
          },
        },
      },
    });
    const failed = await waitFor('the Job to fail', async () => {
      const j = await admin.must<Job>('GET', '/apis/batch/v1/namespaces/default/jobs/fails');
      return (j.status?.failed ?? 0) >= 1 && j;
    });
    expect(failed.status?.succeeded ?? 0).toBe(0);
  });
});
