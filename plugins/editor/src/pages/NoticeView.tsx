import { For, Show } from 'solid-js';
import type { Notice } from './problems.ts';

/** An error (role alert) or a note (role status) above the editor; causes list their lines. */
export function NoticeView(props: { notice: Notice }) {
  return (
    <div
      role={props.notice.kind === 'error' ? 'alert' : 'status'}
      class={`editor-notice editor-${props.notice.kind}`}
    >
      <strong>{props.notice.title}</strong>
      <Show when={props.notice.detail}>
        <p>{props.notice.detail}</p>
      </Show>
      <Show when={(props.notice.causes ?? []).length > 0}>
        <ul>
          <For each={props.notice.causes}>
            {(cause) => (
              <li>
                <Show when={cause.line}>{(line) => <>Line {line()}: </>}</Show>
                <Show when={cause.field}>
                  <code>{cause.field}</code>:{' '}
                </Show>
                {cause.message}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
