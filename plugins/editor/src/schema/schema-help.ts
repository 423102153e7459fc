import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import type { Diagnostic } from '@codemirror/lint';
import type { EditorView, Tooltip } from '@codemirror/view';
import type { HttpClient } from '@porthole/sdk';
import {
  createOpenApiSchemas,
  type GroupVersionKind,
  type KindSchemaView,
  type OpenApiSchemas,
} from '@porthole/sdk/schema';
import { parseDocument } from 'yaml';
import { fieldLocation } from '../model/field-lines.ts';
import { fieldOfPath, keyAt, mappingPathAt } from './yaml-path.ts';

// One schema cache per portal HTTP client (the shell's), so reopening the editor does not fetch again.
const caches = new WeakMap<HttpClient, OpenApiSchemas>();

/** Schema help for one kind: lint (unknown fields, wrong types), completion of fields, hover descriptions. */
export interface SchemaHelp {
  lint(view: EditorView): Diagnostic[];
  complete(context: CompletionContext): CompletionResult | null;
  hover(view: EditorView, pos: number): Tooltip | null;
  /** Resolves when the schema is loaded (true) or known to be unavailable (false). */
  ready: Promise<boolean>;
}

/**
 * Loads the kind's schema from the cluster's OpenAPI (once per cluster, parsed in a Worker) and answers
 * the editor from it; until it has loaded, or when the cluster has none for the kind, it answers nothing.
 *
 * @example
 * const help = createSchemaHelp(http, 'prod', { group: 'apps', version: 'v1', kind: 'Deployment' });
 */
export function createSchemaHelp(
  http: HttpClient,
  cluster: string,
  gvk: GroupVersionKind,
  onChecked?: (problems: readonly Diagnostic[]) => void,
): SchemaHelp {
  const schemas = caches.get(http) ?? createOpenApiSchemas(http);
  caches.set(http, schemas);
  let kind: KindSchemaView | undefined;
  const ready = schemas.kind(cluster, gvk).then(
    (found) => {
      kind = found;
      return found !== undefined;
    },
    () => false,
  );
  return {
    ready,
    lint(view) {
      if (!kind) return [];
      const text = view.state.doc.toString();
      const doc = parseDocument(text);
      if (doc.errors.length > 0) return [];
      let object: unknown;
      try {
        object = doc.toJS({ maxAliasCount: 100 });
      } catch {
        return [];
      }
      const diagnostics: Diagnostic[] = kind.check(object).flatMap((problem) => {
        const field = fieldOfPath(problem.path);
        const at = fieldLocation(text, field);
        if (!at) return [];
        return [
          {
            from: at.from,
            to: at.to,
            severity: 'warning' as const,
            message: `${field}: ${problem.message}`,
            source: 'schema',
          },
        ];
      });
      onChecked?.(diagnostics);
      return diagnostics;
    },
    complete(context) {
      if (!kind) return null;
      const line = context.state.doc.lineAt(context.pos);
      const before = line.text.slice(0, context.pos - line.from);
      const typing = /^\s*(?:- +)?([\w-]*)$/.exec(before);
      if (!typing) return null;
      const word = typing[1] ?? '';
      if (word === '' && !context.explicit) return null;
      const lines = context.state.doc.toString().split('\n');
      const path = mappingPathAt(lines, line.number - 1, context.pos - line.from);
      const fields = kind.fieldsAt(path);
      if (fields.length === 0) return null;
      return {
        from: context.pos - word.length,
        options: fields.map((f) => ({
          label: f.name,
          type: 'property',
          detail: f.required ? `${f.type}, required` : f.type,
          info: f.description || undefined,
          apply: `${f.name}: `,
        })),
        validFor: /^[\w-]*$/,
      };
    },
    hover(view, pos) {
      if (!kind) return null;
      const line = view.state.doc.lineAt(pos);
      const found = keyAt(line.text, pos - line.from);
      if (!found) return null;
      const lines = view.state.doc.toString().split('\n');
      const path = mappingPathAt(lines, line.number - 1, found.from);
      const field = kind.describeField([...path, found.key]);
      if (!field) return null;
      return {
        pos: line.from + found.from,
        end: line.from + found.to,
        above: true,
        create() {
          const dom = document.createElement('div');
          dom.className = 'editor-hover';
          const title = document.createElement('strong');
          title.textContent = `${field.name}: ${field.type}`;
          const body = document.createElement('p');
          body.textContent = field.description || 'No description.';
          dom.append(title, body);
          return { dom };
        },
      };
    },
  };
}
