import type { ConflictError, JsonValue } from '@porthole/sdk';
import { createSignal, For, onCleanup, Show } from 'solid-js';
import { createSideBySide } from '../editor/yaml-editor.ts';
import { lastWriter, writerLabel } from '../model/changes-note.ts';
import { editableObject, objectYaml, parseObjectYaml } from '../model/editable.ts';
import { type Choice, resolveConflicts } from '../model/resolve.ts';
import type { EditSession } from './edit-session.ts';

const shown = (value: JsonValue | undefined) =>
  value === undefined ? '(absent)' : typeof value === 'string' ? value : JSON.stringify(value);

/**
 * The conflict view: per conflicting field base / theirs / mine, a choice for each, a merge view to edit
 * the merged text, and an explicit Overwrite that says what it discards. Nothing is written until the
 * person resolves.
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
    const view = createSideBySide({
      parent: mergeParent,
      a: objectYaml(editableObject(props.error.theirs)),
      b: mergedText,
      labels: ['Theirs (stored now)', 'Merged text'],
      onChange: (text) => {
        mergedText = text;
      },
    });
    destroyMerge = view.destroy;
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

  return (
    <section role="dialog" aria-labelledby="editor-conflict-title" class="editor-conflict">
      <h2 id="editor-conflict-title">Conflict: {who()} changed the same fields meanwhile</h2>
      <p>
        Nothing was written. Choose, per field, whose value to keep; your other changes and theirs are merged.
      </p>
      <table>
        <caption class="sr-only">Conflicting fields</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Base</th>
            <th scope="col">Theirs</th>
            <th scope="col">Mine</th>
            <th scope="col">Keep</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.error.conflicts}>
            {(c) => (
              <tr>
                <th scope="row">
                  <code>{c.path}</code>
                </th>
                <td>
                  <code>{shown(c.base)}</code>
                </td>
                <td>
                  <code>{shown(c.theirs)}</code>
                </td>
                <td>
                  <code>{shown(c.mine)}</code>
                </td>
                <td>
                  <fieldset class="editor-choice">
                    <legend class="sr-only">Keep for {c.path}</legend>
                    <button
                      type="button"
                      class="button button-small button-secondary"
                      aria-pressed={choices()[c.path] === 'theirs'}
                      onClick={() => choose(c.path, 'theirs')}
                    >
                      Take theirs
                    </button>{' '}
                    <button
                      type="button"
                      class="button button-small button-secondary"
                      aria-pressed={choices()[c.path] === 'mine'}
                      onClick={() => choose(c.path, 'mine')}
                    >
                      Keep mine
                    </button>
                  </fieldset>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <div class="editor-toolbar">
        <button
          type="button"
          class="button button-small"
          disabled={!allChosen() || props.session.busy() !== undefined}
          title={allChosen() ? undefined : 'Choose theirs or mine for every field first'}
          onClick={() => void props.session.saveResolved(props.error, resolved())}
        >
          Save resolution
        </button>
        <button type="button" class="button button-small button-secondary" onClick={openMerge}>
          Edit merged text
        </button>
        <button
          type="button"
          class="button button-small button-secondary"
          aria-describedby="editor-overwrite-says"
          onClick={() => void props.session.overwrite(props.error)}
        >
          Overwrite
        </button>
        <button
          type="button"
          class="button button-small button-secondary"
          onClick={() => props.session.setConflict(undefined)}
        >
          Back to editing
        </button>
      </div>
      <p id="editor-overwrite-says" class="muted">
        Overwrite replaces the stored object with your edit as it is, discarding {who()}'s changes to{' '}
        {discards()} and anything else changed since you started.
      </p>
      <div ref={mergeParent} class="editor-merge" />
      <Show when={merging()}>
        <button type="button" class="button button-small" onClick={saveMerged}>
          Save merged text
        </button>
      </Show>
    </section>
  );
}
