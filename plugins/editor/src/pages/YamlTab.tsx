import type { ResourceContext } from '@porthole/sdk';
import { Button, Checkbox, CodeBlock } from '@porthole/ui';
import { createMemo, createSignal } from 'solid-js';
import { editableObject, objectYaml } from '../model/editable.ts';
import { liveObject } from './live-object.ts';
import './editor.css';

/**
 * The `YAML` tab: the live object as YAML, read-only (it changes when the object does). managedFields
 * are hidden unless the toggle shows them; status is shown. Copy and Download.
 */
export default function YamlTab(props: { context: ResourceContext }) {
  const [managedFields, setManagedFields] = createSignal(false);
  const text = createMemo(() => {
    const object = liveObject(props.context);
    if (!object) return '';
    return objectYaml(managedFields() ? object : { ...object, metadata: editableObject(object).metadata });
  });
  const name = () => props.context.object()?.metadata.name ?? 'object';
  const download = () => {
    const url = URL.createObjectURL(new Blob([text()], { type: 'application/yaml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${name()}.yaml`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <section class="editor" aria-label="YAML">
      <div class="editor-toolbar">
        <Checkbox
          label="Show managedFields"
          checked={managedFields()}
          onChange={(e) => setManagedFields(e.currentTarget.checked)}
        />
        <Button size="small" onClick={download}>
          Download
        </Button>
      </div>
      <CodeBlock label={`${props.context.kind} ${name()} as YAML`} code={text()} />
    </section>
  );
}
