import { type JSX, Show, splitProps } from 'solid-js';
import { Tooltip } from './Tooltip.tsx';

/** How much a button stands out: one `primary` per view, `danger` for what destroys. */
export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

/** Props of {@link Button}: a native button's attributes plus these. */
export interface ButtonProps extends JSX.ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'small' | 'medium';
  /** Working: a spinner, `aria-busy`, and clicks are ignored; the label stays. */
  busy?: boolean;
  /**
   * Why the button can't be used now. The button stays focusable (`aria-disabled`), so keyboard and
   * screen-reader users learn the reason: it is its tooltip and accessible description.
   */
  disabledReason?: string;
}

/**
 * A real `<button>` (type `button` unless given). Disabled with a reason, it stays in the tab order
 * and says why; busy, it keeps its label and ignores clicks.
 *
 * @example
 * <Button variant="danger" busy={deleting()} disabledReason={canDelete() ? undefined : 'You may not delete pods'} onClick={remove}>Delete</Button>
 */
export function Button(props: ButtonProps) {
  const [own, rest] = splitProps(props, [
    'variant',
    'size',
    'busy',
    'disabled',
    'disabledReason',
    'class',
    'children',
    'onClick',
    'type',
  ]);
  const blocked = () => own.busy === true || (own.disabled === true && own.disabledReason !== undefined);
  const onClick: JSX.EventHandler<HTMLButtonElement, MouseEvent> = (event) => {
    if (blocked()) {
      event.preventDefault();
      return;
    }
    const handler = own.onClick;
    if (typeof handler === 'function') handler(event);
    else if (Array.isArray(handler)) handler[0](handler[1], event);
  };
  const button = (describedBy?: string) => (
    <button
      {...rest}
      type={own.type ?? 'button'}
      class={`pt-button pt-button-${own.variant ?? 'secondary'}${own.size === 'small' ? ' pt-button-small' : ''}${own.class ? ` ${own.class}` : ''}`}
      disabled={own.disabled === true && own.disabledReason === undefined}
      aria-disabled={blocked() ? 'true' : undefined}
      aria-busy={own.busy ? 'true' : undefined}
      aria-describedby={describedBy ?? rest['aria-describedby']}
      onClick={onClick}
    >
      <Show when={own.busy}>
        <span class="pt-spinner" aria-hidden="true" />
      </Show>
      {own.children}
    </button>
  );
  return (
    <Show when={own.disabled && own.disabledReason} fallback={button()}>
      {(reason) => <Tooltip content={reason()}>{(id) => button(id)}</Tooltip>}
    </Show>
  );
}

/** Props of {@link IconButton}. */
export interface IconButtonProps extends Omit<ButtonProps, 'children'> {
  /** The accessible name (and tooltip): an icon alone says nothing to a screen reader. */
  label: string;
  /** The icon, decorative (hidden from assistive technology). */
  icon: JSX.Element;
}

/**
 * A button showing only an icon; `label` is its accessible name and its tooltip.
 *
 * @example
 * <IconButton label="Close" icon="×" variant="ghost" onClick={close} />
 */
export function IconButton(props: IconButtonProps) {
  const [own, rest] = splitProps(props, ['label', 'icon', 'class', 'variant']);
  return (
    <Button
      {...rest}
      variant={own.variant ?? 'ghost'}
      class={`pt-icon-button${own.class ? ` ${own.class}` : ''}`}
      aria-label={own.label}
      title={own.label}
    >
      <span aria-hidden="true">{own.icon}</span>
    </Button>
  );
}
