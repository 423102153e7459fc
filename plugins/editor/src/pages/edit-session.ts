import {
  ApplyConflictError,
  type Change,
  ConflictError,
  createAccessReview,
  type JsonValue,
  type KubeObject,
  type Porthole,
  type ResourceContext,
} from '@porthole/sdk';
import { diffObjects, threeWayMerge } from '@porthole/sdk/merge';
import { createMemo, createSignal } from 'solid-js';
import type { Diagnostic } from '../editor/yaml-editor.ts';
import { lastWriter, rebaseNote, writerLabel } from '../model/changes-note.ts';
import {
  editableObject,
  identityChange,
  namespaceOf,
  objectYaml,
  parseObjectYaml,
} from '../model/editable.ts';
import { liveObject } from './live-object.ts';
import { failure, type Notice, objectLabel, yamlProblem } from './problems.ts';

/** The field manager Porthole's edits write as. */
export const fieldManager = 'porthole';

/** The YAML the editor starts from for an object. */
export const editText = (object: KubeObject) => objectYaml(editableObject(object));

/** What the editor's text and problem markers are told to do. */
export interface EditorPort {
  text(): string;
  setText(text: string): void;
  setProblems(problems: readonly Diagnostic[]): void;
}

/**
 * One edit of one object: the base it started from, the writes (save, dry run, apply, overwrite,
 * resolutions), what changed on the server meanwhile, and what to tell the person. Every failure keeps
 * the text as typed.
 */
export function createEditSession(porthole: Porthole, context: ResourceContext, start: KubeObject) {
  const [base, setBase] = createSignal(start);
  const [notice, setNotice] = createSignal<Notice>();
  const [busy, setBusy] = createSignal<string>();
  const [conflict, setConflict] = createSignal<ConflictError>();
  const [applyConflict, setApplyConflict] = createSignal<ApplyConflictError>();
  const [readOnly, setReadOnly] = createSignal<string>();
  // resourceVersions that are ours or older than our base: the live object showing one of them is not news.
  const known = new Set<string>([start.metadata.resourceVersion ?? '']);
  let editor: EditorPort | undefined;
  // How the text's object becomes what is sent (e.g. a Secret's decoded values encoded again).
  let outgoing: ((object: KubeObject) => KubeObject) | undefined;
  const latest = createMemo(() => liveObject(context));

  const access = createAccessReview(porthole.http);
  void access
    .canI(context.cluster, 'update', { group: context.group, resource: context.resource }, namespaceOf(start))
    .then(
      (decision) => setReadOnly(decision.allowed ? undefined : `Read-only: ${decision.explanation}.`),
      () => setReadOnly(undefined),
    );

  /** The live object when it moved past the base (someone else wrote), with who and which fields. */
  const serverChange = (): { live: KubeObject; who: string; changes: Change[] } | undefined => {
    const live = latest();
    if (!live || known.has(live.metadata.resourceVersion ?? '')) return undefined;
    const changes = diffObjects(base() as JsonValue, live as JsonValue);
    if (changes.length === 0) return undefined;
    return { live, who: writerLabel(lastWriter(live)), changes };
  };

  function rebaseTo(object: KubeObject, text?: string): void {
    known.add(base().metadata.resourceVersion ?? '');
    known.add(object.metadata.resourceVersion ?? '');
    setBase(object);
    editor?.setText(text ?? editText(object));
    editor?.setProblems([]);
  }

  /** The edit as an object, or undefined after telling why it can't be sent. */
  function mine(): KubeObject | undefined {
    if (!editor) return undefined;
    const text = editor.text();
    const parsed = parseObjectYaml(text);
    if (!parsed.ok) {
      const { notice: n, diagnostics } = yamlProblem(text, parsed.problem);
      setNotice(n);
      editor.setProblems(diagnostics);
      return undefined;
    }
    const identity = identityChange(base(), parsed.object);
    if (identity) {
      setNotice({ kind: 'error', title: 'Not sent: this edit changes which object it is', detail: identity });
      return undefined;
    }
    return outgoing ? outgoing(parsed.object) : parsed.object;
  }

  async function run(what: string, write: () => Promise<void>): Promise<void> {
    if (busy()) return;
    setBusy(what);
    setNotice(undefined);
    editor?.setProblems([]);
    try {
      await write();
    } catch (err) {
      if (err instanceof ConflictError) {
        setConflict(err);
        setNotice({
          kind: 'error',
          title: 'Not saved: someone else changed the same fields',
          detail: err.message,
        });
      } else if (err instanceof ApplyConflictError) {
        setApplyConflict(err);
      } else {
        const { notice: n, diagnostics } = failure(what, editor?.text() ?? '', err);
        setNotice(n);
        editor?.setProblems(diagnostics);
      }
    } finally {
      setBusy(undefined);
    }
  }

  async function update(
    from: KubeObject,
    to: KubeObject,
    options: { dryRun?: boolean; overwrite?: boolean },
  ) {
    const result = await porthole.writes.update(context.cluster, from, to, { fieldManager, ...options });
    if (options.dryRun) {
      const merged = result.rebasedOnto.length > 0 ? ' (after merging a change made meanwhile)' : '';
      setNotice({
        kind: 'ok',
        title: `Dry run passed${merged}: the API server accepts this change. Nothing was written.`,
      });
      return;
    }
    setConflict(undefined);
    rebaseTo(result.object);
    const note = rebaseNote(result.rebasedOnto, result.object, fieldManager);
    setNotice({
      kind: note ? 'note' : 'ok',
      title: `Saved ${objectLabel(result.object)}.`,
      ...(note ? { detail: note } : {}),
    });
    onSaved?.();
  }

  let onSaved: (() => void) | undefined;

  return {
    base,
    notice,
    setNotice,
    busy,
    conflict,
    setConflict,
    applyConflict,
    setApplyConflict,
    readOnly,
    serverChange,
    /** Sets how the edited object is turned into what is sent (undefined: as typed). */
    setOutgoing(transform: ((object: KubeObject) => KubeObject) | undefined) {
      outgoing = transform;
    },
    attach(port: EditorPort, saved: () => void) {
      editor = port;
      onSaved = saved;
    },
    /** Starts from a restored draft: saves are conditional on (and rebased from) the draft's base. */
    restore(draftBase: KubeObject, text: string) {
      rebaseTo(draftBase, text);
    },
    save: (dryRun = false) =>
      run(dryRun ? 'Dry run' : 'Save', async () => {
        const edit = mine();
        if (edit) await update(base(), edit, { dryRun });
      }),
    overwrite: (err: ConflictError) =>
      run('Overwrite', () => update(err.theirs, err.mine, { overwrite: true })),
    /** Writes a resolution of a conflict: conditional on the object the conflict was found against. */
    saveResolved: (err: ConflictError, resolved: KubeObject) =>
      run('Save', async () => {
        const identity = identityChange(err.theirs, resolved);
        if (identity) throw new Error(identity);
        known.add(err.theirs.metadata.resourceVersion ?? '');
        await update(err.theirs, resolved, {});
      }),
    apply: (force = false) =>
      run('Apply', async () => {
        const edit = mine();
        if (!edit) return;
        const { resourceVersion: _rv, managedFields: _mf, ...metadata } = edit.metadata;
        const object = await porthole.writes.apply(
          context.cluster,
          { ...edit, metadata },
          { fieldManager, force },
        );
        setApplyConflict(undefined);
        rebaseTo(object);
        setNotice({
          kind: 'ok',
          title: `Applied ${objectLabel(object)} as field manager "${fieldManager}".`,
        });
        onSaved?.();
      }),
    /** Takes the server's latest object into the edit now (three-way), or opens the conflict view. */
    rebaseNow() {
      const change = serverChange();
      const edit = mine();
      if (!change || !edit) return;
      const merge = threeWayMerge(base() as JsonValue, edit as JsonValue, change.live as JsonValue);
      if (merge.conflicts.length > 0) {
        setConflict(new ConflictError(base(), edit, change.live, merge.conflicts));
        return;
      }
      rebaseTo(change.live, editText(merge.merged as KubeObject));
      setNotice({
        kind: 'note',
        title: `Rebased onto the change ${change.who} made; nothing was written yet.`,
      });
    },
  };
}

/** One editing session (see {@link createEditSession}). */
export type EditSession = ReturnType<typeof createEditSession>;
