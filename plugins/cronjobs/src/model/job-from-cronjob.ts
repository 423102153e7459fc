import type { CronJob, Job } from './types.ts';

/** The annotation kubectl puts on a Job created from a CronJob by hand. */
export const manualAnnotation = 'cronjob.kubernetes.io/instantiate';

/** Options of {@link jobFromCronJob}. */
export interface JobFromCronJobOptions {
  name: string;
  /** The group/version the cluster serves CronJob at (discovery): `batch/v1beta1` on 1.20, `batch/v1` on newer. */
  cronJobApiVersion: string;
}

/**
 * The Job `kubectl create job NAME --from=cronjob/CRONJOB` creates: the jobTemplate's spec, labels and
 * annotations (which win over kubectl's own, as in kubectl), `cronjob.kubernetes.io/instantiate: manual`,
 * and the CronJob as its controlling owner, so the garbage collector deletes the Job with the CronJob.
 *
 * @example
 * jobFromCronJob(cronJob, { name: 'backup-manual-x7k2q', cronJobApiVersion: 'batch/v1beta1' });
 */
export function jobFromCronJob(cronJob: CronJob, options: JobFromCronJobOptions): Job {
  const { name: cronJobName, namespace, uid } = cronJob.metadata;
  if (!cronJobName || !uid) throw new Error('the CronJob has no name or uid yet');
  if (!/^batch\/v1(beta1)?$/.test(options.cronJobApiVersion))
    throw new Error(`unexpected CronJob API version "${options.cronJobApiVersion}"`);
  const template = cronJob.spec?.jobTemplate ?? {};
  const labels = template.metadata?.labels;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: options.name,
      ...(namespace ? { namespace } : {}),
      annotations: { [manualAnnotation]: 'manual', ...template.metadata?.annotations },
      ...(labels ? { labels: { ...labels } } : {}),
      ownerReferences: [
        {
          apiVersion: options.cronJobApiVersion,
          kind: 'CronJob',
          name: cronJobName,
          uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    // A JSON copy: the CronJob may be a live store proxy, which structuredClone refuses.
    spec: JSON.parse(JSON.stringify(template.spec ?? {})) as Record<string, unknown>,
  };
}
