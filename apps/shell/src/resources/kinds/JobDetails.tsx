import { type LabelSelector, selectorString } from '@porthole/sdk/workloads';
import { formatDuration, StatusPill } from '@porthole/ui';
import { Show } from 'solid-js';
import { conditionsOf, fieldOf, namespaceOf } from '../object-fields.ts';
import { Fact, Facts, KindSection } from './Facts.tsx';
import type { KindDetailsProps } from './kind-details.ts';
import { PodTable } from './PodTable.tsx';
import { jobDurationMs } from './rollout-facts.ts';

const num = (value: unknown) => (typeof value === 'number' ? value : 0);

/**
 * A Job's section: state, completions (succeeded of wanted), parallelism, active and failed pods, how
 * long it ran, and its pods (live).
 *
 * @example
 * <JobDetails cluster="prod" object={job} resources={resources} now={now()} />
 */
export default function JobDetails(props: KindDetailsProps) {
  const state = () => {
    const done = conditionsOf(props.object).find(
      (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
    );
    if (done?.type === 'Complete') return { tone: 'ok' as const, words: 'Complete' };
    if (done?.type === 'Failed')
      return { tone: 'error' as const, words: `Failed${done.reason ? `: ${done.reason}` : ''}` };
    if (fieldOf(props.object, 'spec', 'suspend') === true)
      return { tone: 'neutral' as const, words: 'Suspended' };
    return { tone: 'warning' as const, words: 'Running' };
  };
  const wanted = () => {
    const completions = fieldOf(props.object, 'spec', 'completions');
    return typeof completions === 'number' ? completions : 1;
  };
  const duration = () => jobDurationMs(props.object, props.now);
  const selector = () =>
    selectorString(fieldOf(props.object, 'spec', 'selector') as LabelSelector | undefined);
  return (
    <div class="res-kind" data-testid="job-details">
      <Facts title="Job" testId="job-facts">
        <Fact label="State" testId="job-state">
          <StatusPill tone={state().tone}>{state().words}</StatusPill>
        </Fact>
        <Fact label="Completions" testId="job-completions">
          {`${num(fieldOf(props.object, 'status', 'succeeded'))} of ${wanted()}`}
        </Fact>
        <Fact label="Parallelism" testId="job-parallelism">
          {String(fieldOf(props.object, 'spec', 'parallelism') ?? 1)}
        </Fact>
        <Fact label="Active / failed">
          {`${num(fieldOf(props.object, 'status', 'active'))} / ${num(fieldOf(props.object, 'status', 'failed'))}`}
        </Fact>
        <Fact label="Duration" testId="job-duration">
          {(() => {
            const ms = duration();
            return ms === undefined ? 'Not started' : formatDuration(ms);
          })()}
        </Fact>
      </Facts>
      <KindSection title="Pods" testId="job-pods">
        <Show when={selector()} fallback={<p class="res-note">No selector: it selects no pods.</p>}>
          {(labels) => (
            <PodTable
              cluster={props.cluster}
              namespace={namespaceOf(props.object)}
              labelSelector={labels()}
              now={() => props.now}
              empty="No pods (finished pods may have been cleaned up)"
              testId="job-pod"
            />
          )}
        </Show>
      </KindSection>
    </div>
  );
}
