import type { JSX } from 'solid-js';

/**
 * A loading, empty or error message in place of a page's content.
 *
 * @example
 * <StateMessage error title="Could not list pods">forbidden</StateMessage>
 */
export function StateMessage(props: { title: string; error?: boolean; children?: JSX.Element }) {
  return (
    <div
      class="state"
      classList={{ 'state-error': props.error === true }}
      role={props.error ? 'alert' : 'status'}
      data-testid={props.error ? 'state-error' : 'state'}
    >
      {props.error ? <h2>{props.title}</h2> : <p class="res-state-title">{props.title}</p>}
      {props.children ? <p class="state-message">{props.children}</p> : null}
    </div>
  );
}

/**
 * True when a key event comes from a place the user types into, where shortcuts must stay out.
 *
 * @example
 * if (!isTypingTarget(event.target)) focusFilter();
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
