import { createAccessReview, type Porthole } from '@porthole/sdk';
import { type Accessor, createMemo, createResource } from 'solid-js';

/** Why the person may not run or suspend CronJobs; `undefined` when they may. */
export interface CronJobPermissions {
  run?: string;
  suspend?: string;
}

/**
 * Asks the cluster (SelfSubjectAccessReview, cached by the SDK) whether the person may create Jobs and
 * patch CronJobs in every one of `where()`'s namespaces (`''` is cluster-wide). Each field is the first
 * denial's reason, or `undefined` when allowed everywhere; "Checking permission…" until the answer.
 *
 * @example
 * const denied = createPermissions(porthole, () => [cluster, ['batch-jobs']]);
 * <Button disabled={!!denied().run} disabledReason={denied().run}>Run now</Button>
 */
export function createPermissions(
  porthole: Porthole,
  where: Accessor<[cluster: string, namespaces: readonly string[]] | undefined>,
): Accessor<CronJobPermissions> {
  const access = createAccessReview(porthole.http);
  // One key per distinct question, so a live update of the rows doesn't ask again.
  const key = createMemo(() => {
    const value = where();
    return value ? JSON.stringify([value[0], [...new Set(value[1])].sort()]) : undefined;
  });
  const [answer] = createResource(key, async (json) => {
    const [cluster, namespaces] = JSON.parse(json) as [string, string[]];
    const ask = async (verb: string, resource: string) => {
      for (const ns of namespaces) {
        const decision = await access.canI(cluster, verb, { group: 'batch', resource }, ns || undefined);
        if (!decision.allowed) return `Not allowed: ${decision.explanation}`;
      }
      return undefined;
    };
    const [run, suspend] = await Promise.all([ask('create', 'jobs'), ask('patch', 'cronjobs')]);
    return { run, suspend };
  });
  return () => {
    if (answer.error) {
      const why = `Could not check permission: ${answer.error instanceof Error ? answer.error.message : String(answer.error)}`;
      return { run: why, suspend: why };
    }
    return answer() ?? { run: 'Checking permission…', suspend: 'Checking permission…' };
  };
}
