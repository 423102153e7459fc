import type { CronJob } from './types.ts';

/**
 * What a manual run does not honour, in words, for one CronJob: `suspend`, `concurrencyPolicy: Forbid`
 * with a Job running, and `Replace`.
 *
 * @example
 * runWarnings(suspendedCronJob); // ['backup is suspended: a manual run starts anyway (...)']
 */
export function runWarnings(cronJob: CronJob): string[] {
  const name = cronJob.metadata.name;
  const active = cronJob.status?.active ?? [];
  const warnings: string[] = [];
  if (cronJob.spec?.suspend)
    warnings.push(`${name} is suspended: a manual run starts anyway (suspend only stops scheduled runs).`);
  if (cronJob.spec?.concurrencyPolicy === 'Forbid' && active.length > 0)
    warnings.push(
      `${name} forbids concurrent runs and ${active.map((a) => a.name).join(', ')} is running: a manual run ignores that and runs alongside it.`,
    );
  if (cronJob.spec?.concurrencyPolicy === 'Replace')
    warnings.push(
      `${name} replaces running Jobs on schedule, but a manual run does not: running Jobs keep running.`,
    );
  return warnings;
}
