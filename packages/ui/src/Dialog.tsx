import { createEffect, createUniqueId, type JSX, on, onCleanup, Show } from 'solid-js';
import { IconButton } from './Button.tsx';
import { focusableIn, trapTab } from './focus.ts';

/** Props of {@link Dialog}. */
export interface DialogProps {
  open: boolean;
  /** Escape, the close button or the backdrop: the owner decides (set `open` to false). */
  onClose: () => void;
  /** The heading, which is also the dialog's accessible name. */
  title: string;
  children?: JSX.Element;
  /** Buttons at the bottom, e.g. Cancel and the main action. */
  footer?: JSX.Element;
  /** The element to focus first (default: the first focusable element of the body, else the close button). */
  initialFocus?: () => HTMLElement | undefined;
}

/**
 * A modal dialog (`<dialog>` shown with `showModal`, so the page behind is inert): `role="dialog"`
 * named by its heading, focus moves in and is trapped, Escape closes, and focus returns to where it
 * was on close.
 *
 * @example
 * <Dialog open={open()} onClose={() => setOpen(false)} title="Scale deployment" footer={<Button onClick={save}>Save</Button>}>…</Dialog>
 */
export function Dialog(props: DialogProps) {
  const titleId = `pt-dialog-${createUniqueId()}`;
  let dialog: HTMLDialogElement | undefined;
  let body: HTMLDivElement | undefined;
  let restore: HTMLElement | undefined;

  const close = () => {
    if (!dialog?.open) return;
    dialog.close();
    if (restore?.isConnected) restore.focus();
    restore = undefined;
  };
  createEffect(
    on(
      () => props.open,
      (open) => {
        if (!dialog) return;
        if (!open) return close();
        if (dialog.open) return;
        restore = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
        dialog.showModal();
        const first = props.initialFocus?.() ?? (body ? focusableIn(body)[0] : undefined);
        (first ?? dialog.querySelector<HTMLElement>('.pt-dialog-close'))?.focus();
      },
    ),
  );
  onCleanup(close);

  return (
    <dialog
      ref={dialog}
      class="pt-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: the owner closes it by setting `open`, so the dialog never disagrees with its prop.
        event.preventDefault();
        props.onClose();
      }}
      onKeyDown={(event) => dialog && trapTab(event, dialog)}
      onClick={(event) => {
        if (event.target === dialog) props.onClose();
      }}
    >
      <Show when={props.open}>
        <div class="pt-dialog-header">
          <h2 id={titleId}>{props.title}</h2>
          <IconButton class="pt-dialog-close" label="Close" icon="✕" onClick={() => props.onClose()} />
        </div>
        <div class="pt-dialog-body" ref={body}>
          {props.children}
        </div>
        <Show when={props.footer}>
          <div class="pt-dialog-footer">{props.footer}</div>
        </Show>
      </Show>
    </dialog>
  );
}
