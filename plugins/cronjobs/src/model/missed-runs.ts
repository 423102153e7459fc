import type { ParsedSchedule } from './schedule.ts';
import type { CronJob } from './types.ts';

/** How late a run may start before it counts as missed: the 1.20 controller checks every 10 s. */
const graceMs = 60_000;

/**
 * Warnings about runs that did not happen: scheduled times since the last schedule (or creation) that
 * passed without a run, and a starting deadline shorter than the controller's 10 s check interval.
 *
 * @example
 * missedRunWarnings(cronJob, parseSchedule('* * * * *'), new Date()); // ['3 scheduled runs were missed since ...']
 */
export function missedRunWarnings(cronJob: CronJob, schedule: ParsedSchedule, now: Date): string[] {
  const warnings: string[] = [];
  const deadline = cronJob.spec?.startingDeadlineSeconds;
  if (deadline !== undefined && deadline < 10)
    warnings.push(
      `The starting deadline (${deadline} s) is shorter than the 10 s between the controller's checks: runs can be missed.`,
    );
  if (!schedule.ok || cronJob.spec?.suspend) return warnings;
  const since = cronJob.status?.lastScheduleTime ?? cronJob.metadata.creationTimestamp;
  if (!since) return warnings;
  const cutoff = now.getTime() - graceMs;
  const missed = schedule.nextRuns(101, new Date(since)).filter((d) => d.getTime() <= cutoff);
  if (missed.length > 0) {
    const count = missed.length > 100 ? 'More than 100' : String(missed.length);
    const what = cronJob.status?.lastScheduleTime ? 'the last scheduled run' : 'the CronJob was created';
    warnings.push(
      `${count} scheduled run${missed.length === 1 ? ' was' : 's were'} missed since ${what} (${since}); the first at ${missed[0]?.toISOString()}.`,
    );
  }
  return warnings;
}
