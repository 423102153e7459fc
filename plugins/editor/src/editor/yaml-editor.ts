// CodeMirror 6 for YAML: imported only by the editor's lazily loaded pages, never by plugin.ts.
import { autocompletion, type CompletionSource } from '@codemirror/autocomplete';
import { yaml } from '@codemirror/lang-yaml';
import {
  type Diagnostic,
  forceLinting,
  type LintSource,
  linter,
  lintGutter,
  setDiagnostics,
} from '@codemirror/lint';
import { MergeView } from '@codemirror/merge';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, hoverTooltip, keymap, type Tooltip } from '@codemirror/view';
import { basicSetup } from 'codemirror';

export type { Diagnostic } from '@codemirror/lint';

/** A YAML editor on a DOM element. */
export interface YamlEditor {
  text(): string;
  /** Replaces the whole text (e.g. after a save, a rebase or a restored draft). */
  setText(text: string): void;
  setReadOnly(readOnly: boolean): void;
  /** Pins problems to ranges of the text: gutter markers and underlines with the message. */
  setProblems(problems: readonly Diagnostic[]): void;
  /** Runs the `lint` source again now (e.g. once the schema it checks against has loaded). */
  relint(): void;
  focus(): void;
  destroy(): void;
}

/** Options of {@link createYamlEditor}. */
export interface YamlEditorOptions {
  parent: HTMLElement;
  text: string;
  /** The editable area's accessible name. */
  label: string;
  readOnly?: boolean;
  onChange?: (text: string) => void;
  /** Ctrl/Cmd-S. */
  onSave?: () => void;
  /** Problems found as the person types (schema checks), recomputed after each pause. */
  lint?: LintSource;
  complete?: CompletionSource;
  hover?: (view: EditorView, pos: number) => Tooltip | null | Promise<Tooltip | null>;
}

const theme = EditorView.theme({
  '&': { fontSize: '13px', border: '1px solid var(--border, #ccc)', borderRadius: '4px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' },
});

/**
 * A CodeMirror 6 YAML editor with a lint gutter, search, history and Ctrl/Cmd-S.
 *
 * @example
 * const editor = createYamlEditor({ parent, text, label: 'YAML', onSave: save });
 */
export function createYamlEditor(options: YamlEditorOptions): YamlEditor {
  const readOnly = new Compartment();
  const readOnlyOf = (on: boolean): Extension => [EditorState.readOnly.of(on), EditorView.editable.of(!on)];
  const extensions: Extension[] = [
    keymap.of([
      {
        key: 'Mod-s',
        preventDefault: true,
        run: () => {
          options.onSave?.();
          return true;
        },
      },
    ]),
    basicSetup,
    yaml(),
    lintGutter(),
    theme,
    EditorView.contentAttributes.of({ 'aria-label': options.label }),
    readOnly.of(readOnlyOf(options.readOnly ?? false)),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) options.onChange?.(update.state.doc.toString());
    }),
  ];
  if (options.lint) extensions.push(linter(options.lint, { delay: 300 }));
  if (options.complete) extensions.push(autocompletion({ override: [options.complete] }));
  if (options.hover) extensions.push(hoverTooltip(options.hover));
  const view = new EditorView({
    parent: options.parent,
    state: EditorState.create({ doc: options.text, extensions }),
  });
  return {
    text: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    setReadOnly(on) {
      view.dispatch({ effects: readOnly.reconfigure(readOnlyOf(on)) });
    },
    setProblems(problems) {
      const length = view.state.doc.length;
      const clamped = problems.map((p) => ({
        ...p,
        from: Math.min(p.from, length),
        to: Math.min(p.to, length),
      }));
      view.dispatch(setDiagnostics(view.state, clamped));
    },
    relint: () => forceLinting(view),
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}

/** A side-by-side diff: `a` read-only on the left; `b` editable when `onChange` is given. */
export interface SideBySide {
  b(): string;
  destroy(): void;
}

/**
 * Two YAML texts side by side with their differences marked (Review changes, Show changes, the merge view
 * of a conflict).
 *
 * @example
 * const diff = createSideBySide({ parent, a: liveYaml, b: editedYaml, labels: ['Live', 'Your edit'] });
 */
export function createSideBySide(options: {
  parent: HTMLElement;
  a: string;
  b: string;
  labels: [string, string];
  onChange?: (text: string) => void;
}): SideBySide {
  const common = [basicSetup, yaml(), theme];
  const view = new MergeView({
    parent: options.parent,
    a: {
      doc: options.a,
      extensions: [
        ...common,
        EditorState.readOnly.of(true),
        EditorView.contentAttributes.of({ 'aria-label': options.labels[0] }),
      ],
    },
    b: {
      doc: options.b,
      extensions: [
        ...common,
        EditorState.readOnly.of(!options.onChange),
        EditorView.editable.of(Boolean(options.onChange)),
        EditorView.contentAttributes.of({ 'aria-label': options.labels[1] }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange?.(update.state.doc.toString());
        }),
      ],
    },
    collapseUnchanged: { margin: 3, minSize: 6 },
  });
  return { b: () => view.b.state.doc.toString(), destroy: () => view.destroy() };
}
