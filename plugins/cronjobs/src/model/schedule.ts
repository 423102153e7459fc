import { Cron } from 'croner';
import cronstrue from 'cronstrue';

/** A CronJob schedule read like the CronJob controller reads it. */
export type ParsedSchedule =
  | {
      ok: true;
      /** The schedule in words, e.g. "At 02:30, only on Monday". */
      explanation: string;
      /** The zone runs are computed in: `spec.timeZone`, a `CRON_TZ=` prefix, or the controller's (UTC). */
      timeZone: string;
      /** The next `count` run times strictly after `from` (none for `@every`, which runs relative to the controller). */
      nextRuns(count: number, from: Date): Date[];
    }
  | { ok: false; problem: string };

/** The controller's zone when neither `spec.timeZone` nor the schedule names one. */
export const controllerTimeZone = 'UTC';

/** The descriptors the controller's parser (robfig/cron) accepts, as five fields. */
const macros: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

function zoneProblem(zone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return undefined;
  } catch {
    return `unknown time zone "${zone}"`;
  }
}

function invalid(schedule: string, why: string): ParsedSchedule {
  return { ok: false, problem: `invalid schedule "${schedule}": ${why}` };
}

/**
 * Reads a CronJob's schedule: its explanation (cronstrue) and next runs (croner) in the CronJob's zone.
 * Invalid input gives a problem text, never a throw.
 *
 * @example
 * const s = parseSchedule('30 2 * * 1', 'Europe/Berlin');
 * if (s.ok) s.nextRuns(5, new Date()); // the next five Mondays at 02:30 in Berlin
 */
export function parseSchedule(schedule: string | undefined, timeZone?: string): ParsedSchedule {
  const raw = (schedule ?? '').trim();
  if (raw === '') return { ok: false, problem: 'invalid schedule: it is empty' };
  let zone = timeZone || controllerTimeZone;
  let expression = raw;
  const prefix = /^(?:CRON_)?TZ=(\S+)\s+(.*)$/.exec(raw);
  if (prefix) {
    zone = prefix[1] as string;
    expression = (prefix[2] as string).trim();
  }
  const badZone = zoneProblem(zone);
  if (badZone) return invalid(raw, badZone);
  const every = /^@every\s+(\S+)$/.exec(expression);
  if (every) {
    return { ok: true, explanation: `Every ${every[1]}`, timeZone: zone, nextRuns: () => [] };
  }
  const fields = macros[expression.toLowerCase()] ?? expression;
  if (fields.startsWith('@')) return invalid(raw, `unknown descriptor ${fields}`);
  const parts = fields.split(/\s+/);
  if (parts.length !== 5)
    return invalid(raw, `expected 5 fields (minute hour day month weekday), got ${parts.length}`);
  // The controller's parser knows `* , - / ?` and names; croner's extensions (L, #, W, +) it rejects.
  const withoutNames = fields.replace(
    /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|sun|mon|tue|wed|thu|fri|sat/gi,
    '',
  );
  if (/[LW#+]/i.test(withoutNames)) {
    return invalid(raw, 'L, W, # and + are not understood by the Kubernetes controller');
  }
  let cron: Cron;
  try {
    cron = new Cron(fields, { timezone: zone, mode: '5-part', paused: true });
  } catch (err) {
    return invalid(raw, err instanceof Error ? err.message : String(err));
  }
  let explanation: string;
  try {
    explanation = cronstrue.toString(fields, { use24HourTimeFormat: true, throwExceptionOnParseError: true });
  } catch (err) {
    return invalid(raw, String(err));
  }
  return {
    ok: true,
    explanation,
    timeZone: zone,
    nextRuns: (count, from) => cron.nextRuns(count, from),
  };
}
