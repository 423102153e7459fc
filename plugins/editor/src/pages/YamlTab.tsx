import type { ResourceContext } from '@porthole/sdk';
import { createMemo, createSignal, Show } from 'solid-js';
import { editableObject, objectYaml } from '../model/editable.ts';
import { liveObject } from './live-object.ts';
import './editor.css';

/**
 * The `YAML` tab: the live object as YAML, read-only (it changes when the object does). managedFields
 * are hidden unless the toggle shows them; status is shown. Copy and download.
 */
export default function YamlTab(props: { context: ResourceContext }) {
  const [managedFields, setManagedFields] = createSignal(false);
  const [copied, setCopied] = createSignal<string>();
  const text = createMemo(() => {
    const object = liveObject(props.context);
    if (!object) return '';
    const shown = managedFields() ? object : { ...object, metadata: editableObject(object).metadata };
    return objectYaml(shown);
  });
  const fileName = () => `${props.context.object()?.metadata.name ?? 'object'}.yaml`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text());
      setCopied('Copied to the clipboard.');
    } catch (err) {
      setCopied(`Could not copy: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([text()], { type: 'application/yaml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName();
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <section class="editor" aria-label="YAML">
      <div class="editor-toolbar" role="toolbar" aria-label="YAML actions">
        <label>
          <input
            type="checkbox"
            checked={managedFields()}
            onChange={(e) => setManagedFields(e.currentTarget.checked)}
          />{' '}
          Show managedFields
        </label>
        <button type="button" class="button button-small button-secondary" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" class="button button-small button-secondary" onClick={download}>
          Download
        </button>
        <Show when={copied()}>{(m) => <span role="status">{m()}</span>}</Show>
      </div>
      <pre class="yaml-view">{text()}</pre>
    </section>
  );
}
