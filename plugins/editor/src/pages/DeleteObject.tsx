import { type ResourceContext, usePorthole } from '@porthole/sdk';
import { createSignal, Show } from 'solid-js';
import { namespaceOf } from '../model/editable.ts';
import { liveObject } from './live-object.ts';
import { NoticeView } from './NoticeView.tsx';
import { failure, type Notice, objectLabel } from './problems.ts';
import './editor.css';

type Propagation = 'Background' | 'Foreground' | 'Orphan';

/** Where the shell lists a resource: `/c/{cluster}/r/{group|core}/{version}/{resource}`. */
function listPath(context: ResourceContext): string {
  const group = context.group === '' ? 'core' : context.group;
  return `/c/${encodeURIComponent(context.cluster)}/r/${encodeURIComponent(group)}/${context.version}/${context.resource}`;
}

/**
 * `Delete`: a confirmation naming the object (the name typed for a Namespace), a propagation policy, and
 * a precondition on the uid so a re-created object of the same name is never deleted by mistake.
 */
export default function DeleteObject(props: { context: ResourceContext; close: () => void }) {
  const { resources, navigate } = usePorthole();
  const object = liveObject(props.context);
  const [typed, setTyped] = createSignal('');
  const [policy, setPolicy] = createSignal<Propagation>('Background');
  const [busy, setBusy] = createSignal(false);
  const [notice, setNotice] = createSignal<Notice>();
  if (!object) return <p role="status">The object is not loaded yet.</p>;
  const name = object.metadata.name ?? '';
  const label = objectLabel(object);
  const needsTyping = props.context.group === '' && props.context.kind === 'Namespace';
  const ready = () => !busy() && (!needsTyping || typed() === name);

  async function remove() {
    setBusy(true);
    setNotice(undefined);
    try {
      const namespace = object ? namespaceOf(object) : undefined;
      await resources.delete(
        {
          cluster: props.context.cluster,
          group: props.context.group,
          version: props.context.version,
          resource: props.context.resource,
          name,
          ...(namespace ? { namespace } : {}),
        },
        { propagationPolicy: policy(), preconditions: { uid: object?.metadata.uid ?? '' } },
      );
      props.close();
      navigate(listPath(props.context));
    } catch (err) {
      setNotice(failure('Delete', '', err).notice);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section role="dialog" aria-labelledby="editor-delete-title" class="editor">
      <h2 id="editor-delete-title">Delete {label}?</h2>
      <p>
        This deletes {label} from cluster {props.context.cluster}. It can't be undone.
      </p>
      <label>
        What happens to objects it owns{' '}
        <select value={policy()} onChange={(e) => setPolicy(e.currentTarget.value as Propagation)}>
          <option value="Background">Delete them in the background (Background)</option>
          <option value="Foreground">Delete them first (Foreground)</option>
          <option value="Orphan">Keep them (Orphan)</option>
        </select>
      </label>
      <Show when={needsTyping}>
        <label>
          Type the namespace's name, {name}, to confirm{' '}
          <input value={typed()} onInput={(e) => setTyped(e.currentTarget.value)} autocomplete="off" />
        </label>
      </Show>
      <Show when={notice()}>{(n) => <NoticeView notice={n()} />}</Show>
      <div class="editor-toolbar">
        <button
          type="button"
          class="button button-small"
          disabled={!ready()}
          aria-busy={busy()}
          onClick={() => void remove()}
        >
          Delete {props.context.kind} {name}
        </button>
        <button type="button" class="button button-small button-secondary" onClick={() => props.close()}>
          Cancel
        </button>
      </div>
    </section>
  );
}
