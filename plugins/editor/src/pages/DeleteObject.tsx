import { type ResourceContext, usePorthole } from '@porthole/sdk';
import { ConfirmDialog, SelectField } from '@porthole/ui';
import { createSignal, Show } from 'solid-js';
import { namespaceOf } from '../model/editable.ts';
import { liveObject } from './live-object.ts';
import { NoticeView } from './NoticeView.tsx';
import { failure, type Notice, objectLabel } from './problems.ts';
import './editor.css';

type Propagation = 'Background' | 'Foreground' | 'Orphan';

const policies = [
  { value: 'Background', label: 'Delete them in the background (Background)' },
  { value: 'Foreground', label: 'Delete them first (Foreground)' },
  { value: 'Orphan', label: 'Keep them (Orphan)' },
];

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
  const [policy, setPolicy] = createSignal<Propagation>('Background');
  const [busy, setBusy] = createSignal(false);
  const [notice, setNotice] = createSignal<Notice>();
  if (!object) return <p role="status">The object is not loaded yet.</p>;
  const name = object.metadata.name ?? '';
  const label = objectLabel(object);
  const isNamespace = props.context.group === '' && props.context.kind === 'Namespace';

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
    <ConfirmDialog
      open={true}
      title={`Delete ${label}?`}
      confirmLabel={`Delete ${props.context.kind} ${name}`}
      {...(isNamespace ? { typeToConfirm: name } : {})}
      busy={busy()}
      onCancel={() => props.close()}
      onConfirm={() => void remove()}
      message={
        <>
          <p>
            This deletes {label} from cluster {props.context.cluster}. It can't be undone. It is deleted only
            if it is still this object (uid {object.metadata.uid}).
          </p>
          <SelectField
            label="What happens to objects it owns"
            options={policies}
            value={policy()}
            onChange={(e) => setPolicy(e.currentTarget.value as Propagation)}
          />
          <Show when={notice()}>{(n) => <NoticeView notice={n()} />}</Show>
        </>
      }
    />
  );
}
