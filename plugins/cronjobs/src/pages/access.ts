import { createAccessReview, type Porthole } from '@porthole/sdk';
import { type Accessor, createResource } from 'solid-js';

/** Whether the person may run and suspend CronJobs in a namespace; `reason` says why not. */
export interface CronJobPermissions {
  run?: string;
  suspend?: string;
}

/**
 * Asks the cluster (SelfSubjectAccessReview) whether the person may create Jobs and patch CronJobs in
 * `namespace()` (all namespaces when empty). Each field is `undefined` when allowed, else the reason.
 * While the answer is loading, both carry "Checking permission…".
 *
 * @example
 * const denied = createPermissions(porthole, () => [cluster, 'batch-jobs']);
 * <Button disabled={!!denied().run} disabledReason={denied().run}>Run now</Button>
 */
export function createPermissions(
  porthole: Porthole,
  where: Accessor<[cluster: string, namespace: string] | undefined>,
): Accessor<CronJobPermissions> {
  const access = createAccessReview(porthole.http);
  const [answer] = createResource(where, async ([cluster, namespace]) => {
    const ns = namespace || undefined;
    const [run, patch] = await Promise.all([
      access.canI(cluster, 'create', { group: 'batch', resource: 'jobs' }, ns),
      access.canI(cluster, 'patch', { group: 'batch', resource: 'cronjobs' }, ns),
    ]);
    return {
      run: run.allowed ? undefined : `Not allowed: ${run.explanation}`,
      suspend: patch.allowed ? undefined : `Not allowed: ${patch.explanation}`,
    };
  });
  return () => {
    if (answer.error) {
      const why = `Could not check permission: ${answer.error instanceof Error ? answer.error.message : String(answer.error)}`;
      return { run: why, suspend: why };
    }
    return answer() ?? { run: 'Checking permission…', suspend: 'Checking permission…' };
  };
}
