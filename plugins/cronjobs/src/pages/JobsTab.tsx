import { createWatch, type KubeObject, type ResourceContext, usePorthole } from '@porthole/sdk';
import {
  createNow,
  EmptyState,
  ErrorState,
  formatDuration,
  StatusPill,
  Table,
  type TableColumn,
  TimeAgo,
} from '@porthole/ui';
import { createMemo, For } from 'solid-js';
import { isManual, jobState, ownerCronJobUid } from '../model/job-status.ts';
import type { CronJob, Job, Meta } from '../model/types.ts';
import { objectHref } from './cronjob-api.ts';
import { CronJobTabFrame } from './tab-frame.tsx';

type Pod = KubeObject & { metadata: Meta };

function JobList(props: { cluster: string; cronJob: CronJob }) {
  const { mux, navigate } = usePorthole();
  const now = createNow(5_000);
  const namespace = () => props.cronJob.metadata.namespace;
  const jobs = createWatch<Job>(mux, () => ({
    cluster: props.cluster,
    group: 'batch',
    version: 'v1',
    resource: 'jobs',
    namespace: namespace(),
  }));
  // A Job's pods carry its uid as `controller-uid` (1.20; newer clusters also set batch.kubernetes.io/controller-uid).
  const pods = createWatch<Pod>(mux, () => ({
    cluster: props.cluster,
    group: '',
    version: 'v1',
    resource: 'pods',
    namespace: namespace(),
    labelSelector: 'controller-uid',
  }));
  const owned = createMemo(() =>
    jobs
      .items()
      .filter((j) => ownerCronJobUid(j) === props.cronJob.metadata.uid)
      .sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '')),
  );
  const podsByJob = createMemo(() => {
    const map = new Map<string, Pod[]>();
    for (const pod of pods.items()) {
      const uid =
        pod.metadata.labels?.['controller-uid'] ??
        pod.metadata.labels?.['batch.kubernetes.io/controller-uid'];
      if (!uid) continue;
      map.set(uid, [...(map.get(uid) ?? []), pod]);
    }
    return map;
  });
  const go = (href: string) => (e: MouseEvent) => {
    e.preventDefault();
    navigate(href);
  };
  const jobHref = (j: Job) =>
    objectHref(props.cluster, {
      group: 'batch',
      version: 'v1',
      resource: 'jobs',
      namespace: j.metadata.namespace,
      name: j.metadata.name ?? '',
    });
  const duration = (j: Job) => {
    const start = j.status?.startTime ? Date.parse(j.status.startTime) : Number.NaN;
    if (Number.isNaN(start)) return undefined;
    const end = j.status?.completionTime ? Date.parse(j.status.completionTime) : now();
    return end - start;
  };
  const columns: TableColumn<Job>[] = [
    {
      id: 'name',
      title: 'Name',
      cell: (j) => (
        <a href={jobHref(j)} onClick={go(jobHref(j))}>
          {j.metadata.name}
        </a>
      ),
      sortValue: (j) => j.metadata.name ?? '',
    },
    { id: 'trigger', title: 'Trigger', width: '7rem', cell: (j) => (isManual(j) ? 'Manual' : 'Scheduled') },
    {
      id: 'status',
      title: 'Status',
      width: '14rem',
      cell: (j) => <StatusPill tone={jobState(j).tone}>{jobState(j).label}</StatusPill>,
    },
    {
      id: 'start',
      title: 'Started',
      width: '8rem',
      cell: (j) => <TimeAgo timestamp={j.status?.startTime} now={now} />,
      sortValue: (j) => j.status?.startTime ?? '',
    },
    {
      id: 'duration',
      title: 'Duration',
      width: '7rem',
      cell: (j) => {
        const d = duration(j);
        return d === undefined ? '—' : formatDuration(d);
      },
    },
    {
      id: 'pods',
      title: 'Pods',
      cell: (j) => (
        <For each={podsByJob().get(j.metadata.uid ?? '') ?? []} fallback="—">
          {(pod) => {
            const href = objectHref(
              props.cluster,
              {
                group: '',
                version: 'v1',
                resource: 'pods',
                namespace: pod.metadata.namespace,
                name: pod.metadata.name ?? '',
              },
              'logs',
            );
            return (
              <a class="cj-pod" href={href} onClick={go(href)}>
                {pod.metadata.name}
              </a>
            );
          }}
        </For>
      ),
    },
  ];
  return (
    <>
      {jobs.error() ? <ErrorState title="Could not watch Jobs" error={jobs.error()} /> : null}
      {owned().length === 0 && jobs.status() !== 'loading' ? (
        <EmptyState title="No Jobs">
          This CronJob has no Jobs now (finished ones are kept per its history limits).
        </EmptyState>
      ) : (
        <Table
          label="Jobs"
          rows={owned()}
          columns={columns}
          rowKey={(j) => j.metadata.uid ?? ''}
          onOpen={(j) => navigate(jobHref(j))}
          testId="cj-jobs"
        />
      )}
    </>
  );
}

/** The `Jobs` tab of a CronJob: its Jobs by owner uid, newest first, live, with their pods. */
export default function JobsTab(props: { context: ResourceContext }) {
  return (
    <CronJobTabFrame context={props.context} label="Jobs">
      {(view) => <JobList cluster={view.cluster} cronJob={view.cronJob} />}
    </CronJobTabFrame>
  );
}
