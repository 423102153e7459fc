import type { Porthole } from '@porthole/sdk';
import { jobFromCronJob } from '../model/job-from-cronjob.ts';
import type { CronJob, Job } from '../model/types.ts';
import type { CronJobApi } from './cronjob-api.ts';

/** The outcome of an action on one CronJob: never a throw (a bulk action reports one per CronJob). */
export type ActionResult = { ok: true; message: string; job?: Job } | { ok: false; message: string };

/** A failure as people read it: the Status reason and message. */
export function failureText(err: unknown): string {
  const status = (err as { status?: { reason?: string; message?: string; code?: number } } | null)?.status;
  if (status?.message)
    return `${status.reason ?? 'Failed'}${status.code ? ` (${status.code})` : ''}: ${status.message}`;
  return err instanceof Error ? err.message : String(err);
}

function refOf(cluster: string, api: CronJobApi, cronJob: CronJob) {
  return {
    cluster,
    group: 'batch',
    version: api.version,
    resource: 'cronjobs',
    namespace: cronJob.metadata.namespace ?? 'default',
    name: cronJob.metadata.name ?? '',
  };
}

/**
 * Suspends or resumes: one `PATCH` with `application/merge-patch+json` `{"spec":{"suspend":…}}`, no
 * resourceVersion, so a page open for an hour never gets a 409 and touches no other field.
 */
export async function setSuspended(
  porthole: Porthole,
  cluster: string,
  api: CronJobApi,
  cronJob: CronJob,
  suspend: boolean,
): Promise<ActionResult> {
  const label = `${cronJob.metadata.namespace}/${cronJob.metadata.name}`;
  try {
    await porthole.resources.patch(refOf(cluster, api, cronJob), { spec: { suspend } }, 'merge');
    return { ok: true, message: `${label}: ${suspend ? 'suspended' : 'resumed'}` };
  } catch (err) {
    return { ok: false, message: `${label}: ${failureText(err)}` };
  }
}

/** Creates the manual Job of `cronJob` named `name` (see {@link jobFromCronJob}). */
export async function runNow(
  porthole: Porthole,
  cluster: string,
  api: CronJobApi,
  cronJob: CronJob,
  name: string,
): Promise<ActionResult> {
  const label = `${cronJob.metadata.namespace}/${cronJob.metadata.name}`;
  try {
    const job = jobFromCronJob(cronJob, { name, cronJobApiVersion: api.apiVersion });
    const created = await porthole.resources.create<Job>(
      {
        cluster,
        group: 'batch',
        version: 'v1',
        resource: 'jobs',
        namespace: cronJob.metadata.namespace ?? 'default',
      },
      job,
    );
    return { ok: true, message: `${label}: created Job ${created.metadata.name}`, job: created };
  } catch (err) {
    return { ok: false, message: `${label}: ${failureText(err)}` };
  }
}
