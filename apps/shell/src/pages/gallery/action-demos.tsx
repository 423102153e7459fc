import { Button, ConfirmDialog, Dialog, IconButton, Menu, TextField, Tooltip, useToasts } from '@porthole/ui';
import { createSignal } from 'solid-js';

/** Buttons in every variant and state, an icon button and a tooltip. */
export function ButtonDemo() {
  const [clicks, setClicks] = createSignal(0);
  return (
    <div class="gallery-row">
      <Button variant="primary" onClick={() => setClicks((n) => n + 1)}>
        Save
      </Button>
      <Button onClick={() => setClicks((n) => n + 1)}>Cancel</Button>
      <Button variant="danger">Delete</Button>
      <Button variant="ghost">More</Button>
      <Button variant="primary" busy>
        Saving
      </Button>
      <Button variant="danger" disabled disabledReason="You may not delete pods in kube-system">
        Delete pod
      </Button>
      <Button disabled>Plainly disabled</Button>
      <IconButton label="Refresh" icon="⟳" onClick={() => setClicks((n) => n + 1)} />
      <Tooltip content="Opens the pod's logs in a new pane">
        {(id) => <Button aria-describedby={id}>Logs</Button>}
      </Tooltip>
      <span role="status" data-testid="button-clicks">
        Clicked {clicks()} times
      </span>
    </div>
  );
}

/** A dialog with a form, and a confirmation that asks for the object's name. */
export function DialogDemo() {
  const toasts = useToasts();
  const [editing, setEditing] = createSignal(false);
  const [asking, setAsking] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [label, setLabel] = createSignal('app=web');
  return (
    <div class="gallery-row">
      <Button onClick={() => setEditing(true)}>Edit labels</Button>
      <Button variant="danger" onClick={() => setAsking(true)}>
        Delete pod web-1
      </Button>
      <Dialog
        open={editing()}
        onClose={() => setEditing(false)}
        title="Edit labels of web-1"
        footer={
          <>
            <Button onClick={() => setEditing(false)}>Cancel</Button>
            <Button
              variant="primary"
              onClick={() => {
                setEditing(false);
                toasts.show({ tone: 'ok', title: 'Labels saved', message: label() });
              }}
            >
              Save
            </Button>
          </>
        }
      >
        <TextField
          label="Labels"
          description="key=value, comma separated"
          value={label()}
          onInput={(e) => setLabel(e.currentTarget.value)}
        />
      </Dialog>
      <ConfirmDialog
        open={asking()}
        title="Delete pod web-1?"
        message="The pod web-1 in namespace default will be deleted. Its controller may create a new one."
        confirmLabel="Delete"
        typeToConfirm="web-1"
        busy={busy()}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setBusy(true);
          setTimeout(() => {
            setBusy(false);
            setAsking(false);
            toasts.show({ tone: 'ok', title: 'Deleted pod web-1' });
          }, 300);
        }}
      />
    </div>
  );
}

/** A menu button, and buttons that raise toasts. */
export function MenuAndToastDemo() {
  const toasts = useToasts();
  const [chosen, setChosen] = createSignal('nothing');
  return (
    <div class="gallery-row">
      <Menu
        label="Actions"
        items={[
          { label: 'Restart', onSelect: () => setChosen('Restart') },
          { label: 'Scale', onSelect: () => setChosen('Scale') },
          { label: 'Drain', disabledReason: 'Only nodes can be drained', onSelect: () => setChosen('Drain') },
          { label: 'Delete', danger: true, onSelect: () => setChosen('Delete') },
        ]}
      />
      <span data-testid="menu-choice">Chose {chosen()}</span>
      <Button onClick={() => toasts.show({ tone: 'ok', title: 'Scaled web to 3 replicas' })}>
        Show a result
      </Button>
      <Button
        onClick={() =>
          toasts.show({
            tone: 'error',
            title: 'Could not scale web',
            message: 'deployments.apps "web" is forbidden',
          })
        }
      >
        Show a failure
      </Button>
    </div>
  );
}
