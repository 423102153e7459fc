import { type ResourceContext, usePorthole } from '@porthole/sdk';
import { LoadingState } from '@porthole/ui';
import { type JSX, Show } from 'solid-js';
import type { CronJob } from '../model/types.ts';
import { CronJobActions } from './CronJobActions.tsx';
import { type CronJobApi, createCronJobApi } from './cronjob-api.ts';
import './cronjobs.css';

/** What each of this plugin's tabs on a CronJob page gets: the live CronJob and its API. */
export interface CronJobView {
  cluster: string;
  cronJob: CronJob;
  api: CronJobApi | undefined;
}

/** A CronJob tab: the actions on top, then the tab's own content, once the CronJob is loaded. */
export function CronJobTabFrame(props: {
  context: ResourceContext;
  label: string;
  children: (view: CronJobView) => JSX.Element;
}) {
  const porthole = usePorthole();
  const { api } = createCronJobApi(porthole, () => props.context.cluster);
  const cronJob = () => props.context.object() as CronJob | undefined;
  return (
    <section class="cj-tab" aria-label={props.label}>
      <Show when={cronJob()} fallback={<LoadingState what="the CronJob" />}>
        {(c) => (
          <>
            <CronJobActions cluster={props.context.cluster} cronJob={c()} api={api()} />
            {props.children({ cluster: props.context.cluster, cronJob: c(), api: api() })}
          </>
        )}
      </Show>
    </section>
  );
}
