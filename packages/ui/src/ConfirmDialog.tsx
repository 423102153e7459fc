import { createEffect, createSignal, type JSX, Show } from 'solid-js';
import { Button } from './Button.tsx';
import { Dialog } from './Dialog.tsx';
import { TextField } from './fields.tsx';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in words (e.g. "Pod web-1 in default will be deleted."). */
  message: JSX.Element;
  /** The action's name on its button, e.g. "Delete". */
  confirmLabel: string;
  /** When set, the user must type this (the object's name) before the action is enabled. */
  typeToConfirm?: string;
  /** `danger` (default) for what can't be undone. */
  variant?: 'danger' | 'primary';
  onConfirm: () => void;
  onCancel: () => void;
  /** The action is running: its button shows it and Cancel stays available. */
  busy?: boolean;
}

/**
 * Asks before an action, optionally making the user type the object's name first (for deletes that
 * can't be undone). Cancel is focused first, so Enter never destroys by accident.
 *
 * @example
 * <ConfirmDialog open={asking()} title="Delete pod?" message="web-1 will be deleted." confirmLabel="Delete" typeToConfirm="web-1" onConfirm={remove} onCancel={() => setAsking(false)} />
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const [typed, setTyped] = createSignal('');
  let cancel: HTMLButtonElement | undefined;
  let input: HTMLInputElement | undefined;
  createEffect(() => {
    if (props.open) setTyped('');
  });
  const mismatch = () =>
    props.typeToConfirm !== undefined && typed() !== props.typeToConfirm
      ? `Type ${props.typeToConfirm} to confirm`
      : undefined;
  return (
    <Dialog
      open={props.open}
      onClose={() => props.onCancel()}
      title={props.title}
      initialFocus={() => input ?? cancel}
      footer={
        <>
          <Button ref={cancel} onClick={() => props.onCancel()}>
            Cancel
          </Button>
          <Button
            variant={props.variant ?? 'danger'}
            busy={props.busy}
            disabled={mismatch() !== undefined}
            disabledReason={mismatch()}
            onClick={() => props.onConfirm()}
          >
            {props.confirmLabel}
          </Button>
        </>
      }
    >
      <div class="pt-confirm-message">{props.message}</div>
      <Show when={props.typeToConfirm}>
        {(name) => (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (!mismatch() && !props.busy) props.onConfirm();
            }}
          >
            <TextField
              ref={input}
              label={`Type ${name()} to confirm`}
              autocomplete="off"
              spellcheck={false}
              value={typed()}
              onInput={(event) => setTyped(event.currentTarget.value)}
            />
          </form>
        )}
      </Show>
    </Dialog>
  );
}
