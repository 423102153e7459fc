import { createSignal, createUniqueId, type JSX, onCleanup } from 'solid-js';

/** Props of {@link Tooltip}. */
export interface TooltipProps {
  /** The text shown on hover and keyboard focus, and the trigger's accessible description. */
  content: string;
  /** The trigger, given the tooltip's id for its `aria-describedby`. */
  children: (describedBy: string) => JSX.Element;
}

/**
 * A short description shown while the pointer is over its trigger or the trigger has focus; Escape
 * hides it. The trigger gets `aria-describedby`, so screen readers read it too.
 *
 * @example
 * <Tooltip content="Copies the YAML">{(id) => <button aria-describedby={id}>Copy</button>}</Tooltip>
 */
export function Tooltip(props: TooltipProps) {
  const id = `pt-tip-${createUniqueId()}`;
  const [shown, setShown] = createSignal(false);
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') setShown(false);
  };
  document.addEventListener('keydown', onKey);
  onCleanup(() => document.removeEventListener('keydown', onKey));
  return (
    <span
      class="pt-tooltip-anchor"
      onPointerEnter={() => setShown(true)}
      onPointerLeave={() => setShown(false)}
      onFocusIn={() => setShown(true)}
      onFocusOut={() => setShown(false)}
    >
      {props.children(id)}
      <span id={id} role="tooltip" class="pt-tooltip" hidden={!shown()}>
        {props.content}
      </span>
    </span>
  );
}
