import { isStatusError, type KubeObject, type Status } from '@porthole/sdk';
import type { Diagnostic } from '../editor/yaml-editor.ts';
import type { YamlProblem } from '../model/editable.ts';
import { fieldLocation, lineRange } from '../model/field-lines.ts';

/** A message the editor shows above the text: an error (role alert) or a note (role status). */
export interface Notice {
  kind: 'error' | 'note' | 'ok';
  title: string;
  detail?: string;
  /** The Status' causes, each with the line it was pinned to (when found). */
  causes?: { field?: string; message: string; line?: number }[];
}

/** A YAML syntax problem as a notice and a diagnostic on its line. */
export function yamlProblem(
  text: string,
  problem: YamlProblem,
): { notice: Notice; diagnostics: Diagnostic[] } {
  const { from, to } = lineRange(text, problem.line);
  return {
    notice: {
      kind: 'error',
      title: `YAML error at line ${problem.line}, column ${problem.column}`,
      detail: problem.message,
    },
    diagnostics: [{ from, to, severity: 'error', message: problem.message, source: 'YAML' }],
  };
}

function statusOf(err: unknown): Status | undefined {
  return isStatusError(err) ? err.status : undefined;
}

/**
 * A failed write as a notice, the API server's causes pinned to the lines of the fields they name.
 * Never `[object Object]`: a Status gives reason and message, anything else its message.
 */
export function failure(
  what: string,
  text: string,
  err: unknown,
): { notice: Notice; diagnostics: Diagnostic[] } {
  const status = statusOf(err);
  if (!status) {
    const message = err instanceof Error ? err.message : String(err);
    return { notice: { kind: 'error', title: `${what} failed`, detail: message }, diagnostics: [] };
  }
  const diagnostics: Diagnostic[] = [];
  const causes = (status.details?.causes ?? []).map((cause) => {
    const message = cause.message ?? cause.reason ?? 'invalid';
    const located = cause.field ? fieldLocation(text, cause.field) : undefined;
    if (located) {
      const { from, to } = lineRange(text, located.line);
      diagnostics.push({
        from,
        to,
        severity: 'error',
        message: `${cause.field}: ${message}`,
        source: 'API server',
      });
    }
    return {
      ...(cause.field ? { field: cause.field } : {}),
      message,
      ...(located ? { line: located.line } : {}),
    };
  });
  return {
    notice: {
      kind: 'error',
      title: `${what} failed: ${status.reason ?? 'Error'} (${status.code ?? '?'})`,
      detail: status.message ?? '',
      causes,
    },
    diagnostics,
  };
}

/** `ConfigMap default/a`. */
export function objectLabel(object: KubeObject): string {
  const ns = object.metadata.namespace ? `${object.metadata.namespace}/` : '';
  return `${object.kind ?? 'object'} ${ns}${object.metadata.name ?? ''}`;
}
