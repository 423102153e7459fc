import { createWatchOne, usePorthole } from '@porthole/sdk';
import { Button, CodeBlock, Dialog, StatusPill, TextField } from '@porthole/ui';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { jobFromCronJob } from '../model/job-from-cronjob.ts';
import { defaultJobName, jobNameProblem } from '../model/job-name.ts';
import { jobState } from '../model/job-status.ts';
import { runWarnings } from '../model/run-warnings.ts';
import type { CronJob, Job } from '../model/types.ts';
import { type CronJobApi, objectHref } from './cronjob-api.ts';
import { type ActionResult, runNow } from './cronjob-writes.ts';
import { ResultList } from './ResultList.tsx';

/** The new Job, live: its link and status. */
function CreatedJob(props: { cluster: string; job: Job }) {
  const { mux } = usePorthole();
  const live = createWatchOne<Job>(mux, () => ({
    cluster: props.cluster,
    group: 'batch',
    version: 'v1',
    resource: 'jobs',
    namespace: props.job.metadata.namespace,
    name: props.job.metadata.name ?? '',
  }));
  const state = () => jobState(live.object() ?? props.job);
  const href = () =>
    objectHref(props.cluster, {
      group: 'batch',
      version: 'v1',
      resource: 'jobs',
      namespace: props.job.metadata.namespace,
      name: props.job.metadata.name ?? '',
    });
  const { navigate } = usePorthole();
  return (
    <p data-testid="created-job">
      Job{' '}
      <a
        href={href()}
        onClick={(e) => {
          e.preventDefault();
          navigate(href());
        }}
      >
        {props.job.metadata.name}
      </a>{' '}
      <StatusPill tone={state().tone}>{state().label}</StatusPill>
    </p>
  );
}

/**
 * `Run now` for one CronJob (an editable Job name) or several (default names): the Job(s) it will create,
 * what a manual run ignores, then a result per CronJob and the new Job live.
 */
export function RunNowDialog(props: {
  open: boolean;
  onClose: () => void;
  cluster: string;
  api: CronJobApi | undefined;
  cronJobs: readonly CronJob[];
  onDone?: (results: ActionResult[]) => void;
}) {
  const porthole = usePorthole();
  const [name, setName] = createSignal(defaultJobName(props.cronJobs[0]?.metadata.name ?? 'job'));
  const [busy, setBusy] = createSignal(false);
  const [results, setResults] = createSignal<ActionResult[]>();
  const single = () => props.cronJobs.length === 1;
  const bulkNames = createMemo(() => props.cronJobs.map((c) => defaultJobName(c.metadata.name ?? 'job')));
  const problem = () => (single() ? jobNameProblem(name()) : undefined);
  const preview = () => {
    const cronJob = props.cronJobs[0];
    if (!single() || !cronJob || !props.api || problem()) return undefined;
    return JSON.stringify(
      jobFromCronJob(cronJob, { name: name(), cronJobApiVersion: props.api.apiVersion }),
      null,
      2,
    );
  };
  async function run() {
    const api = props.api;
    if (!api || problem()) return;
    setBusy(true);
    const names = single() ? [name()] : bulkNames();
    const out = await Promise.all(
      props.cronJobs.map((c, i) =>
        runNow(porthole, props.cluster, api, c, names[i] ?? defaultJobName(c.metadata.name ?? 'job')),
      ),
    );
    setResults(out);
    setBusy(false);
    props.onDone?.(out);
  }
  const created = () => {
    const first = single() ? results()?.[0] : undefined;
    return first?.ok ? first.job : undefined;
  };
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      title={
        single() ? `Run ${props.cronJobs[0]?.metadata.name} now` : `Run ${props.cronJobs.length} CronJobs now`
      }
      footer={
        <Show
          when={!results()}
          fallback={
            <Button variant="primary" onClick={props.onClose}>
              Close
            </Button>
          }
        >
          <Button onClick={props.onClose}>Cancel</Button>
          <Button
            variant="primary"
            busy={busy()}
            disabled={!!problem() || !props.api}
            disabledReason={
              problem()
                ? `Fix the Job name: ${problem()}`
                : !props.api
                  ? 'Finding the CronJob API…'
                  : undefined
            }
            onClick={() => void run()}
          >
            Run
          </Button>
        </Show>
      }
    >
      <Show when={!results()}>
        <For each={props.cronJobs.flatMap(runWarnings)}>
          {(warning) => (
            <p class="cj-warning" role="note">
              ⚠ {warning}
            </p>
          )}
        </For>
        <Show
          when={single()}
          fallback={
            <ul aria-label="Jobs to create">
              <For each={props.cronJobs}>
                {(c, i) => (
                  <li>
                    {c.metadata.namespace}/{c.metadata.name} → Job {bulkNames()[i()]}
                  </li>
                )}
              </For>
            </ul>
          }
        >
          <TextField
            label="Job name"
            value={name()}
            maxLength={80}
            onInput={(e) => setName(e.currentTarget.value)}
            error={problem()}
            description="A DNS label: lower case letters, digits and '-', at most 63."
          />
          <Show when={preview()}>
            {(code) => (
              <div class="cj-preview">
                <CodeBlock label="The Job to create" code={code()} />
              </div>
            )}
          </Show>
        </Show>
      </Show>
      <Show when={results()}>{(list) => <ResultList results={list()} />}</Show>
      <Show when={created()}>{(job) => <CreatedJob cluster={props.cluster} job={job()} />}</Show>
    </Dialog>
  );
}
