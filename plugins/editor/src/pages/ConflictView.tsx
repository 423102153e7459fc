import type { ConflictError, JsonValue, MergeConflict } from '@porthole/sdk';
import { Button, Dialog, Table } from '@porthole/ui';
import { createSignal, onCleanup, Show } from 'solid-js';
import { createSideBySide } from '../editor/yaml-editor.ts';
import { lastWriter, writerLabel } from '../model/changes-note.ts';
import { editableObject, objectYaml, parseObjectYaml } from '../model/editable.ts';
import { type Choice, resolveConflicts } from '../model/resolve.ts';
import type { EditSession } from './edit-session.ts';

const shown = (value: JsonValue | undefined) =>
  value === undefined ? '(absent)' : typeof value === 'string' ? value : JSON.stringify(value);

/**
 * The conflict view (a dialog): per conflicting field base / theirs / mine and a choice for each, a merge
 * view to edit the merged text, and an explicit Overwrite that says what it discards. Nothing is written
 * until the person resolves; closing it goes back to the edit, text kept.
 */
export function ConflictView(props: { error: ConflictError; session: EditSession }) {
  const [choices, setChoices] = createSignal<Record<string, Choice>>({});
  const [merging, setMerging] = createSignal(false);
  const who = () => writerLabel(lastWriter(props.error.theirs));
  const choose = (path: string, choice: Choice) => setChoices((c) => ({ ...c, [path]: choice }));
  const allChosen = () => props.error.conflicts.every((c) => choices()[c.path] !== undefined);
  const resolved = () =>
    resolveConflicts(
      props.error.base,
      props.error.mine,
      props.error.theirs,
      props.error.conflicts,
      choices(),
    );
  const discards = () => props.error.conflicts.map((c) => c.path).join(', ');
  let mergeParent: HTMLDivElement | undefined;
  let mergedText = '';
  let destroyMerge: (() => void) | undefined;
  onCleanup(() => destroyMerge?.());

  function openMerge() {
    setMerging(true);
    mergedText = objectYaml(editableObject(resolved()));
    if (!mergeParent) return;
    destroyMerge?.();
    destroyMerge = createSideBySide({
      parent: mergeParent,
      a: objectYaml(editableObject(props.error.theirs)),
      b: mergedText,
      labels: ['Theirs (stored now)', 'Merged text'],
      onChange: (text) => {
        mergedText = text;
      },
    }).destroy;
  }

  function saveMerged() {
    const parsed = parseObjectYaml(mergedText);
    if (!parsed.ok) {
      props.session.setNotice({
        kind: 'error',
        title: `YAML error in the merged text at line ${parsed.problem.line}, column ${parsed.problem.column}`,
        detail: parsed.problem.message,
      });
      return;
    }
    void props.session.saveResolved(props.error, parsed.object);
  }

  const keep = (c: MergeConflict) => (
    <span class="editor-choice">
      <Button
        size="small"
        aria-pressed={choices()[c.path] === 'theirs'}
        onClick={() => choose(c.path, 'theirs')}
      >
        Take theirs
      </Button>{' '}
      <Button size="small" aria-pressed={choices()[c.path] === 'mine'} onClick={() => choose(c.path, 'mine')}>
        Keep mine
      </Button>
    </span>
  );
  const busy = () => props.session.busy() !== undefined;

  return (
    <Dialog
      open={true}
      onClose={() => props.session.setConflict(undefined)}
      title={`Conflict: ${who()} changed the same fields meanwhile`}
      footer={
        <>
          <Button onClick={() => props.session.setConflict(undefined)}>Back to editing</Button>
          <Button
            variant="danger"
            aria-describedby="editor-overwrite-says"
            busy={props.session.busy() === 'Overwrite'}
            onClick={() => void props.session.overwrite(props.error)}
          >
            Overwrite
          </Button>
          <Button onClick={openMerge}>Edit merged text</Button>
          <Button
            variant="primary"
            busy={props.session.busy() === 'Save'}
            disabled={!allChosen() || busy()}
            disabledReason={allChosen() ? undefined : 'Choose theirs or mine for every field first'}
            onClick={() => void props.session.saveResolved(props.error, resolved())}
          >
            Save resolution
          </Button>
        </>
      }
    >
      <p>
        Nothing was written. Choose, per field, whose value to keep; your other changes and theirs are merged.
      </p>
      <Table
        label="Conflicting fields"
        rows={props.error.conflicts}
        rowKey={(c) => c.path}
        columns={[
          { id: 'field', title: 'Field', cell: (c) => <code>{c.path}</code> },
          { id: 'base', title: 'Base', cell: (c) => <code>{shown(c.base)}</code> },
          { id: 'theirs', title: 'Theirs', cell: (c) => <code>{shown(c.theirs)}</code> },
          { id: 'mine', title: 'Mine', cell: (c) => <code>{shown(c.mine)}</code> },
          { id: 'keep', title: 'Keep', width: '15rem', cell: keep },
        ]}
      />
      <p id="editor-overwrite-says" class="muted">
        Overwrite replaces the stored object with your edit as it is, discarding {who()}'s changes to{' '}
        {discards()} and anything else changed since you started.
      </p>
      <div ref={mergeParent} class="editor-merge" />
      <Show when={merging()}>
        <Button variant="primary" onClick={saveMerged}>
          Save merged text
        </Button>
      </Show>
    </Dialog>
  );
}
