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

/** A run time in the person's local zone, e.g. `Fri 4 Dec, 21:00 CET`. */
export function formatLocal(date: Date): string {
  return date.toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

/** A run time in a given zone, e.g. `Fri 4 Dec, 20:00 (UTC)`. */
export function formatInZone(date: Date, zone: string): string {
  const text = date.toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: zone,
  });
  return `${text} (${zone})`;
}
