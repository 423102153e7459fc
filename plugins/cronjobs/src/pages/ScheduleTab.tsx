import type { ResourceContext } from '@porthole/sdk';
import { createNow } from '@porthole/ui';
import { For, Show } from 'solid-js';
import { missedRunWarnings } from '../model/missed-runs.ts';
import type { CronJob } from '../model/types.ts';
import { concurrencyInWords, historyInWords, startingDeadlineInWords } from '../model/words.ts';
import { createScheduleReader, formatInZone, formatLocal } from './cron-math.ts';
import { CronJobTabFrame } from './tab-frame.tsx';

function ScheduleDetails(props: { cronJob: CronJob }) {
  const read = createScheduleReader();
  const now = createNow(10_000);
  const parsed = () => read()?.(props.cronJob.spec?.schedule, props.cronJob.spec?.timeZone);
  const next = () => {
    const p = parsed();
    return p?.ok ? p.nextRuns(5, new Date(now())) : [];
  };
  const warnings = () => {
    const p = parsed();
    return p ? missedRunWarnings(props.cronJob, p, new Date(now())) : [];
  };
  return (
    <Show when={parsed()} fallback={<p>Reading the schedule…</p>}>
      {(p) => (
        <dl class="cj-facts">
          <dt>Schedule</dt>
          <dd>
            <code>{props.cronJob.spec?.schedule}</code> —{' '}
            <Show when={p().ok} fallback={<span role="alert">{(p() as { problem: string }).problem}</span>}>
              <span data-testid="schedule-explanation">{(p() as { explanation: string }).explanation}</span>
            </Show>
          </dd>
          <dt>Time zone</dt>
          <dd>
            {p().ok ? (p() as { timeZone: string }).timeZone : (props.cronJob.spec?.timeZone ?? 'UTC')}
            {props.cronJob.spec?.timeZone ? '' : " (the controller's zone; spec.timeZone is not set)"}
          </dd>
          <Show when={props.cronJob.spec?.suspend}>
            <dt>State</dt>
            <dd>Suspended: no scheduled runs until resumed.</dd>
          </Show>
          <dt>Next runs</dt>
          <dd>
            <Show when={next().length > 0} fallback={<span>—</span>}>
              <table class="cj-next" aria-label="Next runs">
                <thead>
                  <tr>
                    <th scope="col">In the cluster's zone</th>
                    <th scope="col">Your local time</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={next()}>
                    {(d) => (
                      <tr>
                        <td>{formatInZone(d, (p() as { timeZone: string }).timeZone)}</td>
                        <td>{formatLocal(d)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
          </dd>
          <dt>Concurrency</dt>
          <dd>{concurrencyInWords(props.cronJob.spec?.concurrencyPolicy)}</dd>
          <dt>Starting deadline</dt>
          <dd>{startingDeadlineInWords(props.cronJob.spec?.startingDeadlineSeconds)}</dd>
          <dt>History</dt>
          <dd>{historyInWords(props.cronJob)}</dd>
          <For each={warnings()}>
            {(w) => (
              <dd class="cj-warning" role="alert">
                ⚠ {w}
              </dd>
            )}
          </For>
        </dl>
      )}
    </Show>
  );
}

/** The `Schedule` tab of a CronJob: the schedule in words, the next 5 runs, policies, missed runs. */
export default function ScheduleTab(props: { context: ResourceContext }) {
  return (
    <CronJobTabFrame context={props.context} label="Schedule">
      {(view) => <ScheduleDetails cronJob={view.cronJob} />}
    </CronJobTabFrame>
  );
}
