import { createSignal } from 'solid-js';
import type { YamlEditor } from '../editor/yaml-editor.ts';
import { editableObject, objectYaml, parseObjectYaml } from '../model/editable.ts';
import { decodeSecretData, encodeSecretData } from '../model/secret-values.ts';
import { type EditSession, editText } from './edit-session.ts';

/**
 * A Secret's decoded view in the editor: off by default (values stay base64 as stored); on, the text
 * shows `data` decoded and the session encodes it again before anything is sent.
 */
export function createSecretView(session: EditSession, getEditor: () => YamlEditor | undefined) {
  const [decoded, setDecoded] = createSignal<{ binary: string[] }>();
  /** Shows a Secret's values decoded (or encoded again); what is sent is always encoded. */
  const toggle = (on: boolean) => {
    const editor = getEditor();
    if (!editor) return;
    const parsed = parseObjectYaml(editor.text());
    if (!parsed.ok) {
      session.setNotice({
        kind: 'error',
        title: `Fix the YAML first (line ${parsed.problem.line}, column ${parsed.problem.column})`,
        detail: parsed.problem.message,
      });
      return;
    }
    if (on) {
      const shown = decodeSecretData(parsed.object);
      setDecoded({ binary: shown.binary });
      session.setOutgoing((object) => encodeSecretData(object, shown.binary));
      editor.setText(objectYaml(shown.object));
      if (shown.binary.length > 0)
        session.setNotice({ kind: 'note', title: `Left base64 (not text): ${shown.binary.join(', ')}` });
    } else {
      const binary = decoded()?.binary ?? [];
      setDecoded(undefined);
      session.setOutgoing(undefined);
      editor.setText(objectYaml(encodeSecretData(parsed.object, binary)));
    }
  };
  const baseText = () =>
    decoded()
      ? objectYaml(decodeSecretData(editableObject(session.base())).object)
      : editText(session.base());
  return { decoded, setDecoded, toggle, baseText };
}
