import { usePorthole } from '@porthole/sdk';
import { Button } from '@porthole/ui';
import { createSignal, Show } from 'solid-js';
import type { CronJob } from '../model/types.ts';
import { createPermissions } from './access.ts';
import type { CronJobApi } from './cronjob-api.ts';
import { type ActionResult, setSuspended } from './cronjob-writes.ts';
import { ResultList } from './ResultList.tsx';
import { RunNowDialog } from './RunNowDialog.tsx';

/**
 * The CronJob's actions on its page: `Run now` and `Suspend` or `Resume` (the one that applies), each
 * disabled with the reason when the cluster says the person may not.
 */
export function CronJobActions(props: { cluster: string; cronJob: CronJob; api: CronJobApi | undefined }) {
  const porthole = usePorthole();
  const denied = createPermissions(porthole, () => [props.cluster, [props.cronJob.metadata.namespace ?? '']]);
  const [running, setRunning] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [result, setResult] = createSignal<ActionResult>();
  const suspended = () => props.cronJob.spec?.suspend === true;
  async function toggle() {
    const api = props.api;
    if (!api) return;
    setBusy(true);
    setResult(await setSuspended(porthole, props.cluster, api, props.cronJob, !suspended()));
    setBusy(false);
  }
  return (
    <div class="cj-actions" role="toolbar" aria-label="CronJob actions">
      <Button
        variant="primary"
        size="small"
        disabled={!!denied().run}
        disabledReason={denied().run}
        onClick={() => setRunning(true)}
      >
        Run now
      </Button>
      <Button
        size="small"
        busy={busy()}
        disabled={!!denied().suspend}
        disabledReason={denied().suspend}
        onClick={() => void toggle()}
      >
        {suspended() ? 'Resume' : 'Suspend'}
      </Button>
      <Show when={result()}>{(r) => <ResultList results={[r()]} />}</Show>
      <Show when={running()}>
        <RunNowDialog
          open={running()}
          onClose={() => setRunning(false)}
          cluster={props.cluster}
          api={props.api}
          cronJobs={[props.cronJob]}
        />
      </Show>
    </div>
  );
}
