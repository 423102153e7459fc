import { formatAge, type TableColumn, TimeAgo } from '@porthole/ui';
import { type Accessor, createMemo } from 'solid-js';
import type { CronJob } from '../model/types.ts';
import type { createScheduleReader } from './cron-math.ts';
import { type createNextRun, formatInZone, formatLocal, localZone } from './cron-math.ts';

/** What the list's columns read besides the CronJob. */
export interface ColumnContext {
  now: Accessor<number>;
  read: ReturnType<typeof createScheduleReader>;
  /** Latest succeeded Job completion per CronJob uid (batch/v1beta1 has no status.lastSuccessfulTime). */
  lastSuccess: (cronJob: CronJob) => string | undefined;
  nameCell: (cronJob: CronJob) => import('solid-js').JSX.Element;
  /** The cached next-run lookup ({@link createNextRun}). */
  nextRun: ReturnType<typeof createNextRun>;
}

/** The next run of a CronJob, `undefined` when suspended, unknown or invalid. */
export function nextRunOf(ctx: ColumnContext, c: CronJob): Date | undefined {
  if (c.spec?.suspend) return undefined;
  const parsed = ctx.read()?.(c.spec?.schedule, c.spec?.timeZone);
  return parsed ? ctx.nextRun(parsed, ctx.now()) : undefined;
}

function NextRun(props: { ctx: ColumnContext; cronJob: CronJob }) {
  const parsed = () => props.ctx.read()?.(props.cronJob.spec?.schedule, props.cronJob.spec?.timeZone);
  const next = createMemo(() => nextRunOf(props.ctx, props.cronJob));
  return (
    <>
      {props.cronJob.spec?.suspend ? (
        'Suspended'
      ) : !parsed() ? (
        '…'
      ) : parsed()?.ok === false ? (
        'invalid schedule'
      ) : next() ? (
        <time
          datetime={next()?.toISOString()}
          title={`${formatInZone(next() as Date, (parsed() as { timeZone: string }).timeZone)} · your time zone: ${localZone()}`}
        >
          {formatLocal(next() as Date)}
        </time>
      ) : (
        '—'
      )}
    </>
  );
}

/**
 * The list's columns: name, namespace, schedule (with its explanation), time zone, next run, last
 * schedule, last success, active, age.
 */
export function cronJobColumns(ctx: ColumnContext): TableColumn<CronJob>[] {
  const explain = (c: CronJob) => {
    const parsed = ctx.read()?.(c.spec?.schedule, c.spec?.timeZone);
    return !parsed ? '' : parsed.ok ? parsed.explanation : parsed.problem;
  };
  return [
    { id: 'name', title: 'Name', cell: ctx.nameCell, sortValue: (c) => c.metadata.name ?? '' },
    {
      id: 'namespace',
      title: 'Namespace',
      width: '7rem',
      cell: (c) => c.metadata.namespace,
      sortValue: (c) => c.metadata.namespace ?? '',
    },
    {
      id: 'schedule',
      title: 'Schedule',
      cell: (c) => (
        <span>
          <code>{c.spec?.schedule}</code>
          <span class="cj-explain">{explain(c)}</span>
        </span>
      ),
      sortValue: (c) => c.spec?.schedule ?? '',
    },
    {
      id: 'zone',
      title: 'Time zone',
      width: '5rem',
      cell: (c) => c.spec?.timeZone ?? 'UTC',
      sortValue: (c) => c.spec?.timeZone ?? 'UTC',
    },
    {
      id: 'next',
      title: 'Next run',
      width: '13.5rem',
      cell: (c) => <NextRun ctx={ctx} cronJob={c} />,
      sortValue: (c) => nextRunOf(ctx, c)?.getTime() ?? Number.MAX_SAFE_INTEGER,
    },
    {
      id: 'last',
      title: 'Last schedule',
      width: '6.5rem',
      cell: (c) => <TimeAgo timestamp={c.status?.lastScheduleTime} now={ctx.now} />,
      sortValue: (c) => c.status?.lastScheduleTime ?? '',
    },
    {
      id: 'success',
      title: 'Last success',
      width: '6.5rem',
      cell: (c) => <TimeAgo timestamp={ctx.lastSuccess(c)} now={ctx.now} />,
      sortValue: (c) => ctx.lastSuccess(c) ?? '',
    },
    {
      id: 'active',
      title: 'Active',
      width: '4.75rem',
      cell: (c) => String(c.status?.active?.length ?? 0),
      sortValue: (c) => c.status?.active?.length ?? 0,
    },
    {
      id: 'age',
      title: 'Age',
      width: '4rem',
      cell: (c) => formatAge(c.metadata.creationTimestamp, ctx.now()),
      sortValue: (c) => c.metadata.creationTimestamp ?? '',
    },
  ];
}
