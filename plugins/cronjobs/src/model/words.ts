import type { CronJob } from './types.ts';

/**
 * `spec.concurrencyPolicy` in words.
 *
 * @example
 * concurrencyInWords('Forbid'); // 'Runs never overlap: ...'
 */
export function concurrencyInWords(policy: string | undefined): string {
  switch (policy ?? 'Allow') {
    case 'Forbid':
      return 'Forbid: runs never overlap; a scheduled run is skipped while the previous Job is still running.';
    case 'Replace':
      return 'Replace: a scheduled run replaces a running Job; the running Job is deleted and the new one started.';
    default:
      return 'Allow: runs may overlap; a scheduled run starts even while earlier Jobs are still running.';
  }
}

/**
 * `spec.startingDeadlineSeconds` in words.
 *
 * @example
 * startingDeadlineInWords(300); // 'A run that can't start within 5 minutes of its time is skipped and counted as missed.'
 */
export function startingDeadlineInWords(seconds: number | undefined): string {
  if (seconds === undefined || seconds === null)
    return 'No starting deadline: a late run starts as soon as the controller can start it (but if more than 100 runs were missed, the controller gives up and logs an error).';
  return `A run that can't start within ${durationInWords(seconds)} of its time is skipped and counted as missed.`;
}

/** Seconds as "90 seconds", "5 minutes", "2 hours". */
export function durationInWords(seconds: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds % 3600 === 0 && seconds >= 3600) return unit(seconds / 3600, 'hour');
  if (seconds % 60 === 0 && seconds >= 60) return unit(seconds / 60, 'minute');
  return unit(seconds, 'second');
}

/** The history limits in words, with the API's defaults (3 succeeded, 1 failed). */
export function historyInWords(cronJob: CronJob): string {
  const ok = cronJob.spec?.successfulJobsHistoryLimit ?? 3;
  const failed = cronJob.spec?.failedJobsHistoryLimit ?? 1;
  return `Keeps the last ${ok} succeeded and the last ${failed} failed Job${failed === 1 ? '' : 's'}; older ones are deleted.`;
}
