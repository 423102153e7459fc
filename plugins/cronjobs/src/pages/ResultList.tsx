import { StatusPill } from '@porthole/ui';
import { For } from 'solid-js';
import type { ActionResult } from './cronjob-writes.ts';

/** One line per CronJob acted on: done or why not. */
export function ResultList(props: { results: readonly ActionResult[] }) {
  return (
    <ul class="cj-results" aria-label="Results">
      <For each={props.results}>
        {(r) => (
          <li data-ok={r.ok}>
            <StatusPill tone={r.ok ? 'ok' : 'error'}>{r.ok ? 'Done' : 'Failed'}</StatusPill> {r.message}
          </li>
        )}
      </For>
    </ul>
  );
}
