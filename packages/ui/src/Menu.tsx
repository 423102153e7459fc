import { createSignal, createUniqueId, For, onCleanup, Show } from 'solid-js';
import { Button, type ButtonVariant } from './Button.tsx';
import { arrowIndex } from './focus.ts';

/** One entry of a {@link Menu}. */
export interface MenuItem {
  label: string;
  onSelect: () => void;
  /** Why it can't be chosen now (it stays listed, and says why). */
  disabledReason?: string;
  danger?: boolean;
  /** Makes the entry one of a choice (`menuitemradio`), marked when true. */
  checked?: boolean | undefined;
}

/** Props of {@link Menu}. */
export interface MenuProps {
  /** The menu button's label, e.g. "Actions". */
  label: string;
  items: readonly MenuItem[];
  variant?: ButtonVariant;
}

/**
 * A menu button (`aria-haspopup="menu"`) opening a `role="menu"`: Enter, Space or Arrow Down open it on
 * the first item; arrows, Home and End move; Enter chooses; Escape closes and returns to the button;
 * Tab or a click outside closes.
 *
 * @example
 * <Menu label="Actions" items={[{ label: 'Restart', onSelect: restart }, { label: 'Delete', danger: true, onSelect: ask }]} />
 */
export function Menu(props: MenuProps) {
  const id = `pt-menu-${createUniqueId()}`;
  const [open, setOpen] = createSignal(false);
  let root: HTMLDivElement | undefined;
  let button: HTMLButtonElement | undefined;
  const items: HTMLButtonElement[] = [];

  const show = (index: number) => {
    setOpen(true);
    items[(index + props.items.length) % props.items.length]?.focus();
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button?.focus();
  };
  const onOutside = (event: PointerEvent) => {
    if (open() && root && !root.contains(event.target as Node)) close(false);
  };
  document.addEventListener('pointerdown', onOutside);
  onCleanup(() => document.removeEventListener('pointerdown', onOutside));

  const onItemKey = (event: KeyboardEvent, index: number) => {
    const next = arrowIndex(event.key, index, props.items.length);
    if (next !== undefined) {
      event.preventDefault();
      items[next]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') close(false);
  };
  const choose = (item: MenuItem) => {
    if (item.disabledReason) return;
    close(true);
    item.onSelect();
  };

  return (
    <div class="pt-menu" ref={root}>
      <Button
        ref={button}
        variant={props.variant ?? 'secondary'}
        aria-haspopup="menu"
        aria-expanded={open()}
        aria-controls={id}
        onClick={() => (open() ? close(false) : show(0))}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            show(event.key === 'ArrowDown' ? 0 : -1);
          }
        }}
      >
        {props.label} <span aria-hidden="true">▾</span>
      </Button>
      <Show when={open()}>
        <div class="pt-menu-list" role="menu" id={id} aria-label={props.label}>
          <For each={props.items}>
            {(item, index) => (
              // biome-ignore lint/a11y/useAriaPropsSupportedByRole: aria-checked comes with role menuitemradio, set together.
              <button
                ref={(el) => {
                  items[index()] = el;
                }}
                type="button"
                role={item.checked === undefined ? 'menuitem' : 'menuitemradio'}
                aria-checked={item.checked}
                tabindex={-1}
                class="pt-menu-item"
                classList={{ 'pt-menu-item-danger': item.danger === true }}
                aria-disabled={item.disabledReason ? 'true' : undefined}
                title={item.disabledReason}
                onClick={() => choose(item)}
                onKeyDown={(event) => onItemKey(event, index())}
              >
                <Show when={item.checked !== undefined}>
                  <span class="pt-menu-check" aria-hidden="true">
                    {item.checked ? '✓' : ''}
                  </span>
                </Show>
                {item.label}
              </button>
            )}
          </For>
        </div>
      </Show>
    </div>
  );
}
