import type { KubeconfigFileState, LiveListStore } from '@porthole/sdk';
import { EmptyState, ErrorState, LoadingState, StatusPill } from '@porthole/ui';
import { For, Match, Show, Switch } from 'solid-js';
import { describeFile } from '../model/describe.ts';

/**
 * The kubeconfig files in merge order, live: each with its state (ok, missing as a note, unreadable,
 * invalid with line and column), whether its last good contexts are still served, and the entries with
 * problems (undefined cluster or user, malformed, duplicates naming the file that wins).
 */
export function FilesSection(props: { files: LiveListStore<KubeconfigFileState> }) {
  return (
    <section class="contexts-files" aria-labelledby="contexts-files-title">
      <h2 id="contexts-files-title">Kubeconfig files</h2>
      <Switch>
        <Match when={props.files.error()}>
          {(error) => <ErrorState title="Could not load the kubeconfig files" error={error()} />}
        </Match>
        <Match when={props.files.status() === 'loading' && props.files.items().length === 0}>
          <LoadingState what="kubeconfig files" />
        </Match>
        <Match when={props.files.items().length === 0}>
          <EmptyState title="No kubeconfig files">Start Porthole with --kubeconfig or KUBECONFIG.</EmptyState>
        </Match>
        <Match when={props.files.items().length > 0}>
          <ol class="contexts-file-list" aria-label="Kubeconfig files">
            <For each={props.files.items()}>
              {(file) => {
                const described = () => describeFile(file);
                return (
                  <li class="contexts-file" aria-label={file.path} data-state={file.state}>
                    <div class="contexts-file-head">
                      <StatusPill tone={described().tone}>{described().label}</StatusPill>
                      <code class="contexts-path">{file.path}</code>
                      <span class="contexts-muted">
                        {file.contexts.length} context{file.contexts.length === 1 ? '' : 's'}
                      </span>
                    </div>
                    <Show when={described().detail}>
                      <p class="contexts-file-detail">{described().detail}</p>
                    </Show>
                    <Show when={file.problems.length > 0}>
                      <ul class="contexts-problems" aria-label={`Problems in ${file.path}`}>
                        <For each={file.problems}>{(problem) => <li>{problem.message}</li>}</For>
                      </ul>
                    </Show>
                  </li>
                );
              }}
            </For>
          </ol>
        </Match>
      </Switch>
    </section>
  );
}
