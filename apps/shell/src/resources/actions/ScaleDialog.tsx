import { type ObjectRef, usePorthole } from '@porthole/sdk';
import { parseReplicas, readScale, type ScaleState, scaleTo } from '@porthole/sdk/workloads';
import { Button, Dialog, statusOf, TextField, useToasts } from '@porthole/ui';
import { createEffect, createSignal, on, Show } from 'solid-js';

/** Props of {@link ScaleDialog}. */
export interface ScaleDialogProps {
  open: boolean;
  onClose: () => void;
  /** The kind's name, e.g. `Deployment`. */
  kind: string;
  target: ObjectRef;
}

/** The typed count's problem, in words, or undefined when it is a count. */
function problemOf(text: string): string | undefined {
  try {
    parseReplicas(text);
    return undefined;
  } catch (err) {
    return statusOf(err as Error).details?.causes?.[0]?.message ?? statusOf(err as Error).message;
  }
}

/**
 * Asks for a new replica count, showing the current one (read from the scale subresource when it
 * opens), and scales through it conditionally on that count: a bad count (`-1`, `abc`, above int32)
 * is explained and never sent; a count changed by someone else meanwhile is refused (409) and said.
 *
 * @example
 * <ScaleDialog open={open()} onClose={() => setOpen(false)} kind="Deployment" target={ref} />
 */
export function ScaleDialog(props: ScaleDialogProps) {
  const { http } = usePorthole();
  const toasts = useToasts();
  const [current, setCurrent] = createSignal<ScaleState>();
  const [readError, setReadError] = createSignal<string>();
  const [text, setText] = createSignal('');
  const [touched, setTouched] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();
  const what = () => `${props.kind} ${props.target.name}`;

  createEffect(
    on(
      () => props.open,
      (open) => {
        if (!open) return;
        setCurrent(undefined);
        setReadError(undefined);
        setFailure(undefined);
        setTouched(false);
        setText('');
        readScale(http, props.target).then(
          (state) => {
            setCurrent(state);
            if (!touched()) setText(String(state.desired));
          },
          (err: unknown) => setReadError(statusOf(err as Error).message),
        );
      },
    ),
  );

  const problem = () => (touched() ? problemOf(text()) : undefined);
  const blocked = () => {
    if (!current())
      return readError() ? "Can't scale: the current count could not be read" : 'Reading the current count…';
    return problemOf(text());
  };
  const submit = async () => {
    setTouched(true);
    const state = current();
    if (blocked() || !state || busy()) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const written = await scaleTo(http, props.target, text(), { expected: state.desired });
      toasts.show({ tone: 'ok', title: `Scaled ${what()} to ${written.desired}` });
      props.onClose();
    } catch (err) {
      const message = statusOf(err as Error).message ?? 'the write failed';
      setFailure(message);
      toasts.show({ tone: 'error', title: `Could not scale ${what()}`, message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      onClose={() => props.onClose()}
      title={`Scale ${what()}`}
      footer={
        <>
          <Button onClick={() => props.onClose()}>Cancel</Button>
          <Button
            variant="primary"
            busy={busy()}
            disabled={blocked() !== undefined}
            disabledReason={blocked()}
            onClick={() => void submit()}
          >
            {problemOf(text()) ? 'Scale to …' : `Scale to ${text().trim()}`}
          </Button>
        </>
      }
    >
      <p data-testid="scale-current">
        <Show
          when={current()}
          fallback={
            readError() ? `Could not read the current count: ${readError()}` : 'Reading the current count…'
          }
        >
          {(state) => (
            <>
              {what()} wants <strong>{state().desired}</strong>{' '}
              {state().desired === 1 ? 'replica' : 'replicas'} and has {state().current} now.
            </>
          )}
        </Show>
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <TextField
          label="Replicas"
          inputmode="numeric"
          autocomplete="off"
          description="A whole number from 0; the controller adds or removes pods to match."
          value={text()}
          error={problem()}
          onInput={(event) => {
            setText(event.currentTarget.value);
            setTouched(true);
          }}
        />
      </form>
      <Show when={failure()}>
        {(message) => (
          <p class="res-banner" role="alert" data-testid="scale-failure">
            Nothing was changed: {message()}
          </p>
        )}
      </Show>
    </Dialog>
  );
}
