import { type KubeObject, type ResourceContext, usePorthole } from '@porthole/sdk';
import { Button, Checkbox } from '@porthole/ui';
import { createEffect, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js';
import { type Draft, type Drafts, draftKey, openDrafts } from '../drafts/drafts.ts';
import {
  createSideBySide,
  createYamlEditor,
  type SideBySide,
  type YamlEditor,
} from '../editor/yaml-editor.ts';
import { pathsLabel } from '../model/changes-note.ts';
import { editableObject, namespaceOf, objectYaml } from '../model/editable.ts';
import { createSchemaHelp } from '../schema/schema-help.ts';
import { ConflictView } from './ConflictView.tsx';
import { createEditSession, editText } from './edit-session.ts';
import { liveObject } from './live-object.ts';
import { NoticeView } from './NoticeView.tsx';
import { createSecretView } from './secret-view.ts';
import './editor.css';

/**
 * `Edit YAML`: the editor on the live object (managedFields and status hidden). Save (or Ctrl/Cmd-S) is
 * conditional on the resourceVersion the edit started from and rebased on 409; Dry run pins the API
 * server's causes to lines; the object stays watched; drafts survive reloads (not for Secrets).
 */
export default function EditYaml(props: { context: ResourceContext; close: () => void }) {
  const start = liveObject(props.context);
  if (!start) return <p role="status">The object is not loaded yet.</p>;
  return <Editor context={props.context} start={start} />;
}

function Editor(props: { context: ResourceContext; start: KubeObject }) {
  const porthole = usePorthole();
  const session = createEditSession(porthole, props.context, props.start);
  const isSecret = props.context.group === '' && props.context.kind === 'Secret';
  const key = draftKey({
    ...props.context,
    namespace: namespaceOf(props.start),
    name: props.start.metadata.name ?? '',
  });
  const [draft, setDraft] = createSignal<Draft>();
  const [reviewing, setReviewing] = createSignal(false);
  const [showingServer, setShowingServer] = createSignal(false);
  const [schema, setSchema] = createSignal<'loading' | 'loaded' | 'unavailable'>('loading');
  const [schemaProblems, setSchemaProblems] = createSignal<readonly string[]>([]);
  let parent: HTMLDivElement | undefined;
  let diffParent: HTMLDivElement | undefined;
  let editor: YamlEditor | undefined;
  let diff: SideBySide | undefined;
  let drafts: Drafts | undefined;
  let draftTimer: ReturnType<typeof setTimeout> | undefined;

  const keepDraft = (text: string) => {
    if (isSecret || !drafts) return;
    clearTimeout(draftTimer);
    const store = drafts;
    draftTimer = setTimeout(() => {
      const kept =
        text === editText(session.base())
          ? store.remove(key)
          : store.put(key, { text, base: session.base(), savedAt: new Date().toISOString() });
      kept.catch((err: unknown) =>
        session.setNotice({
          kind: 'error',
          title: 'Could not keep a draft of this edit in the browser',
          detail: err instanceof Error ? err.message : String(err),
        }),
      );
    }, 400);
  };

  onMount(async () => {
    if (!parent) return;
    const help = createSchemaHelp(
      porthole.http,
      props.context.cluster,
      { group: props.context.group, version: props.context.version, kind: props.context.kind },
      (found) => setSchemaProblems(found.map((d) => d.message)),
    );
    void help.ready.then((loaded) => {
      setSchema(loaded ? 'loaded' : 'unavailable');
      if (loaded) editor?.relint();
    });
    editor = createYamlEditor({
      parent,
      lint: (view) => help.lint(view),
      complete: (context) => help.complete(context),
      hover: (view, pos) => help.hover(view, pos),
      text: editText(props.start),
      label: `YAML of ${props.context.kind} ${props.start.metadata.name ?? ''}`,
      readOnly: session.readOnly() !== undefined,
      onChange: keepDraft,
      onSave: () => {
        if (!session.readOnly()) void session.save();
      },
    });
    const instance = editor;
    // Whatever the session puts in the editor (after a save, a rebase, a draft) is the stored, encoded form.
    const port = {
      text: () => instance.text(),
      setText: (text: string) => {
        setDecoded(undefined);
        session.setOutgoing(undefined);
        instance.setText(text);
      },
      setProblems: instance.setProblems,
    };
    session.attach(port, () => {
      clearTimeout(draftTimer);
      void drafts?.remove(key);
    });
    if (isSecret) return;
    try {
      drafts = await openDrafts();
      const found = await drafts.get(key);
      if (found && found.text !== instance.text()) setDraft(found);
    } catch {
      // No IndexedDB (private mode): editing works, drafts don't.
    }
  });
  createEffect(on(session.readOnly, (why) => editor?.setReadOnly(why !== undefined)));
  onCleanup(() => {
    diff?.destroy();
    editor?.destroy();
  });

  const closeDiff = () => {
    diff?.destroy();
    diff = undefined;
    setReviewing(false);
    setShowingServer(false);
  };
  const secret = createSecretView(session, () => editor);
  const { decoded, setDecoded, baseText } = secret;
  const review = () => {
    closeDiff();
    if (!diffParent || !editor) return;
    setReviewing(true);
    diff = createSideBySide({
      parent: diffParent,
      a: baseText(),
      b: editor.text(),
      labels: ['Live object (when you started)', 'Your edit'],
    });
  };
  const showServerChanges = () => {
    closeDiff();
    const change = session.serverChange();
    if (!diffParent || !change) return;
    setShowingServer(true);
    diff = createSideBySide({
      parent: diffParent,
      a: editText(session.base()),
      b: objectYaml(editableObject(change.live)),
      labels: ['When you started', 'On the server now'],
    });
  };
  const denied = () => session.readOnly();
  const disabledWhy = () => denied() ?? (session.busy() ? `${session.busy()} is running` : undefined);

  return (
    <section class="editor" aria-label={`Edit ${props.context.kind} ${props.start.metadata.name ?? ''}`}>
      <Show when={denied()}>
        {(why) => (
          <p role="status" class="editor-readonly">
            {why()}
          </p>
        )}
      </Show>
      <Show when={draft()}>
        {(d) => (
          <div role="status" class="editor-banner">
            An unsaved draft of this object from {new Date(d().savedAt).toLocaleString()} is kept in this
            browser.{' '}
            <Button
              size="small"
              variant="primary"
              onClick={() => {
                session.restore(d().base, d().text);
                setDraft(undefined);
              }}
            >
              Restore draft
            </Button>{' '}
            <Button
              size="small"
              onClick={() => {
                void drafts?.remove(key);
                setDraft(undefined);
              }}
            >
              Discard
            </Button>
          </div>
        )}
      </Show>
      <Show when={session.serverChange()}>
        {(change) => (
          <div role="status" class="editor-banner">
            Changed on the server by {change().who}: {pathsLabel(change().changes)}.{' '}
            <Button size="small" onClick={showServerChanges}>
              Show changes
            </Button>{' '}
            <Button size="small" onClick={() => session.rebaseNow()}>
              Rebase now
            </Button>
          </div>
        )}
      </Show>
      <Show when={isSecret}>
        <Checkbox
          label="Show decoded values"
          checked={decoded() !== undefined}
          onChange={(e) => secret.toggle(e.currentTarget.checked)}
        />
      </Show>
      <Show when={isSecret}>
        <p class="muted">Secrets get no drafts: their values would be kept unencrypted in this browser.</p>
      </Show>
      <div class="editor-toolbar" role="toolbar" aria-label="Editor actions">
        <Button
          size="small"
          variant="primary"
          disabled={disabledWhy() !== undefined}
          disabledReason={disabledWhy()}
          title={'Save (Ctrl/Cmd-S)'}
          busy={session.busy() === 'Save'}
          onClick={() => void session.save()}
        >
          Save
        </Button>
        <Button
          size="small"
          disabled={disabledWhy() !== undefined}
          disabledReason={disabledWhy()}
          onClick={() => void session.save(true)}
        >
          Dry run
        </Button>
        <Button
          size="small"
          disabled={disabledWhy() !== undefined}
          disabledReason={disabledWhy()}
          title={'Server-side apply as field manager "porthole"'}
          onClick={() => void session.apply()}
        >
          Apply
        </Button>
        <Button
          size="small"
          aria-pressed={reviewing()}
          onClick={() => (reviewing() ? closeDiff() : review())}
        >
          Review changes
        </Button>
        <span class="muted" role="status">
          {schema() === 'loading'
            ? 'Loading the schema…'
            : schema() === 'loaded'
              ? schemaProblems().length === 0
                ? `Checked against the cluster's schema of ${props.context.kind}: no problems`
                : `Schema of ${props.context.kind}: ${schemaProblems().length} problem${schemaProblems().length === 1 ? '' : 's'} (${schemaProblems()[0]}${schemaProblems().length > 1 ? ', …' : ''})`
              : `The cluster publishes no schema for ${props.context.kind}`}
        </span>
      </div>
      <Show when={session.notice()}>{(n) => <NoticeView notice={n()} />}</Show>
      <Show when={session.applyConflict()}>
        {(err) => (
          <div role="alert" class="editor-notice editor-error">
            <strong>Apply conflict: other field managers own these fields</strong>
            <ul>
              <For each={err().conflicts}>{(c) => <li>{c.message || c.field}</li>}</For>
            </ul>
            <Button size="small" onClick={() => void session.apply(true)}>
              Force apply (take these fields over)
            </Button>
          </div>
        )}
      </Show>
      <Show when={session.conflict()}>{(err) => <ConflictView error={err()} session={session} />}</Show>
      <Show when={reviewing() || showingServer()}>
        <Button size="small" onClick={closeDiff}>
          Close diff
        </Button>
      </Show>
      <div ref={diffParent} class="editor-diff" />
      <div ref={parent} class="editor-host" />
    </section>
  );
}
