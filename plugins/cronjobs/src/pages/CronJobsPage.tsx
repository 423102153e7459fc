import { createNamespaceScope, createWatch, isForbidden, type RouteProps, usePorthole } from '@porthole/sdk';
import {
  Button,
  createNow,
  EmptyState,
  ErrorState,
  ForbiddenState,
  LoadingState,
  NamespaceSelect,
  Table,
  TextField,
} from '@porthole/ui';
import { createEffect, createMemo, createSignal, Show } from 'solid-js';
import { jobState, ownerCronJobUid } from '../model/job-status.ts';
import type { CronJob, Job } from '../model/types.ts';
import { createPermissions } from './access.ts';
import { createNextRun, createScheduleReader } from './cron-math.ts';
import { createCronJobApi, objectHref } from './cronjob-api.ts';
import { cronJobColumns } from './cronjob-columns.tsx';
import { type ActionResult, setSuspended } from './cronjob-writes.ts';
import { ResultList } from './ResultList.tsx';
import { RunNowDialog } from './RunNowDialog.tsx';
import './cronjobs.css';

/** The `cronjobs` route: every CronJob of the cluster (or one namespace), live, with bulk actions. */
export default function CronJobsPage(props: RouteProps) {
  const porthole = usePorthole();
  const { mux, navigate } = porthole;
  const { api, error: apiError } = createCronJobApi(porthole, () => props.cluster);
  const [namespace, setNamespace] = createSignal('');
  const [filter, setFilter] = createSignal('');
  const [selected, setSelected] = createSignal<Set<string>>(new Set());
  const [results, setResults] = createSignal<ActionResult[]>();
  const [running, setRunning] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const now = createNow(5_000);
  const read = createScheduleReader();

  // The namespaces the person can use for CronJobs (the SDK's scope, as the shell's lists use it).
  const scope = createNamespaceScope(porthole, () => ({
    cluster: props.cluster,
    target: { group: 'batch', resource: 'cronjobs' },
    candidates: namespace() ? [namespace()] : [],
  }));
  // Someone who may not list namespaces (a team's user) starts in their context's namespace instead of
  // a forbidden all-namespaces list.
  createEffect(() => {
    const start = scope.start();
    if (namespace() === '' && start) setNamespace(start);
  });
  const cronJobs = createWatch<CronJob>(mux, () => {
    const found = api();
    return (
      found && {
        cluster: props.cluster,
        group: 'batch',
        version: found.version,
        resource: 'cronjobs',
        namespace: namespace() || undefined,
      }
    );
  });
  // batch/v1beta1 has no status.lastSuccessfulTime: the newest succeeded Job tells it instead.
  const jobs = createWatch<Job>(
    mux,
    () =>
      api()?.version === 'v1beta1' && {
        cluster: props.cluster,
        group: 'batch',
        version: 'v1',
        resource: 'jobs',
        namespace: namespace() || undefined,
      },
  );
  const successByOwner = createMemo(() => {
    const map = new Map<string, string>();
    for (const job of jobs.items()) {
      const owner = ownerCronJobUid(job);
      const done = job.status?.completionTime;
      if (!owner || !done || jobState(job).label !== 'Succeeded') continue;
      if ((map.get(owner) ?? '') < done) map.set(owner, done);
    }
    return map;
  });
  const rows = createMemo(() => {
    const text = filter().trim().toLowerCase();
    return text === ''
      ? cronJobs.items()
      : cronJobs.items().filter((c) => (c.metadata.name ?? '').toLowerCase().includes(text));
  });
  const keyOf = (c: CronJob) => c.metadata.uid ?? '';
  const chosen = () => rows().filter((c) => selected().has(keyOf(c)));
  // Asked for the selected CronJobs' namespaces: someone who may act in one namespace can, there.
  const denied = createPermissions(porthole, () => [
    props.cluster,
    chosen().map((c) => c.metadata.namespace ?? ''),
  ]);
  const hrefOf = (c: CronJob) =>
    objectHref(props.cluster, {
      group: 'batch',
      version: api()?.version ?? 'v1',
      resource: 'cronjobs',
      namespace: c.metadata.namespace,
      name: c.metadata.name ?? '',
    });
  const columns = cronJobColumns({
    now,
    read,
    nextRun: createNextRun(),
    lastSuccess: (c) => c.status?.lastSuccessfulTime ?? successByOwner().get(c.metadata.uid ?? ''),
    nameCell: (c) => (
      <a
        href={hrefOf(c)}
        onClick={(e) => {
          e.preventDefault();
          navigate(hrefOf(c));
        }}
      >
        {c.metadata.name}
      </a>
    ),
  });
  async function suspendAll(suspend: boolean) {
    const found = api();
    if (!found) return;
    setBusy(true);
    setResults(
      await Promise.all(chosen().map((c) => setSuspended(porthole, props.cluster, found, c, suspend))),
    );
    setBusy(false);
  }
  const none = () => (chosen().length === 0 ? 'Select CronJobs first' : undefined);
  const runReason = () => none() ?? denied().run;
  const suspendReason = () => none() ?? denied().suspend;

  return (
    <section class="panel cj-list" aria-label="CronJobs">
      <header class="panel-header">
        <h1>CronJobs</h1>
      </header>
      <div class="cj-toolbar">
        <NamespaceSelect
          namespaces={scope.names()}
          listable={scope.listable()}
          value={namespace()}
          onChange={setNamespace}
        />
        <TextField
          label="Filter by name"
          type="search"
          value={filter()}
          onInput={(e) => setFilter(e.currentTarget.value)}
        />
        <div class="cj-actions" role="toolbar" aria-label="Actions on the selected CronJobs">
          <Button
            size="small"
            disabled={!!runReason()}
            disabledReason={runReason()}
            onClick={() => setRunning(true)}
          >
            Run now
          </Button>
          <Button
            size="small"
            busy={busy()}
            disabled={!!suspendReason()}
            disabledReason={suspendReason()}
            onClick={() => void suspendAll(true)}
          >
            Suspend
          </Button>
          <Button
            size="small"
            busy={busy()}
            disabled={!!suspendReason()}
            disabledReason={suspendReason()}
            onClick={() => void suspendAll(false)}
          >
            Resume
          </Button>
          <span>{chosen().length} selected</span>
        </div>
      </div>
      <Show when={results()}>{(list) => <ResultList results={list()} />}</Show>
      <Show when={apiError()}>
        {(err) => <ErrorState title="CronJobs are not available" error={err()} />}
      </Show>
      <Show when={cronJobs.error()}>
        {(err) => (
          <Show
            when={!isForbidden(err())}
            fallback={
              <ForbiddenState
                what="CronJobs"
                namespace={namespace()}
                namespaces={scope.allowed()}
                loading={scope.loading()}
                onPick={setNamespace}
              />
            }
          >
            <ErrorState title="Could not watch CronJobs" error={err()} />
          </Show>
        )}
      </Show>
      <Show when={!apiError() && !cronJobs.error()}>
        <Show when={cronJobs.status() !== 'loading'} fallback={<LoadingState what="CronJobs" />}>
          <Show
            when={rows().length > 0}
            fallback={
              <EmptyState title={filter() ? 'No CronJob matches the filter' : 'No CronJobs'}>
                {namespace() ? `in namespace ${namespace()}` : 'in this cluster'}
              </EmptyState>
            }
          >
            <Table
              label="CronJobs"
              rows={rows()}
              columns={columns}
              rowKey={keyOf}
              rowName={(c) => `${c.metadata.namespace}/${c.metadata.name}`}
              selection={{ selected: selected(), onChange: setSelected }}
              onOpen={(c) => navigate(hrefOf(c))}
              defaultSort={{ column: 'name', direction: 'ascending' }}
              testId="cronjobs"
            />
          </Show>
        </Show>
      </Show>
      <Show when={running()}>
        <RunNowDialog
          open={running()}
          onClose={() => setRunning(false)}
          cluster={props.cluster}
          api={api()}
          cronJobs={chosen()}
          onDone={setResults}
        />
      </Show>
    </section>
  );
}
