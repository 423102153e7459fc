import { type Accessor, createSignal } from 'solid-js';

/** The schedule module (croner + cronstrue), loaded on first use: the plugin's manifest and first paint don't carry it. */
export type ScheduleModule = typeof import('../model/schedule.ts');
type Parsed = ReturnType<ScheduleModule['parseSchedule']>;

let loading: Promise<ScheduleModule> | undefined;

/** Imports the schedule module once per page (a failed import is forgotten so the next call retries). */
function importSchedule(): Promise<ScheduleModule> {
  loading ??= import('../model/schedule.ts').catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

/**
 * A cached schedule reader that becomes available when the cron libraries have loaded; until then it
 * returns `undefined` (cells show "…").
 *
 * @example
 * const read = createScheduleReader();
 * const parsed = read()?.('*\/5 * * * *', 'UTC');
 */
export function createScheduleReader(): Accessor<
  ((schedule: string | undefined, zone?: string) => Parsed) | undefined
> {
  const [reader, setReader] = createSignal<(schedule: string | undefined, zone?: string) => Parsed>();
  const cache = new Map<string, Parsed>();
  void importSchedule().then(
    (module) =>
      setReader(() => (schedule: string | undefined, zone?: string) => {
        const key = `${zone ?? ''}\n${schedule ?? ''}`;
        let parsed = cache.get(key);
        if (!parsed) {
          parsed = module.parseSchedule(schedule, zone);
          if (cache.size > 5000) cache.clear();
          cache.set(key, parsed);
        }
        return parsed;
      }),
    () =>
      setReader(() => (schedule: string | undefined) => ({
        ok: false as const,
        problem: `could not load the cron libraries to read "${schedule ?? ''}"`,
      })),
  );
  return reader;
}

/** The person's time zone, e.g. `Europe/Berlin`. */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const runParts: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
};
// Building an Intl.DateTimeFormat costs far more than using one: one per zone, reused (a table of
// 1,000 rows formats two dates per visible row on every scroll).
const formats = new Map<string, Intl.DateTimeFormat>();
function formatFor(zone: string | undefined): Intl.DateTimeFormat {
  const key = zone ?? '';
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      undefined,
      zone ? { ...runParts, timeZone: zone } : { ...runParts, timeZoneName: 'short' },
    );
    formats.set(key, format);
  }
  return format;
}

/** A run time in the person's local zone, e.g. `Fri 4 Dec, 21:00 CET`. */
export function formatLocal(date: Date): string {
  return formatFor(undefined).format(date);
}

/** A run time in a given zone, e.g. `Fri 4 Dec, 20:00 (UTC)`. */
export function formatInZone(date: Date, zone: string): string {
  return `${formatFor(zone).format(date)} (${zone})`;
}

/**
 * The next run of `parsed` after `now`, cached per schedule: a cached run that is still in the future is
 * the answer for any later `now` before it (no run lies between), so CronJobs that share a schedule and
 * every re-render until the run cost one computation.
 *
 * @example
 * const next = createNextRun(); next(parsed, Date.now());
 */
export function createNextRun(): (parsed: Parsed, now: number) => Date | undefined {
  const cache = new WeakMap<object, { from: number; next: Date | undefined }>();
  return (parsed, now) => {
    if (!parsed.ok) return undefined;
    const hit = cache.get(parsed);
    if (hit && hit.from <= now && (hit.next === undefined ? false : hit.next.getTime() > now))
      return hit.next;
    const next = parsed.nextRuns(1, new Date(now))[0];
    cache.set(parsed, { from: now, next });
    return next;
  };
}
