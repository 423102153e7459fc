import type { ContextHealth, KubeconfigFileState } from '@porthole/sdk';
import type { Tone } from '@porthole/ui';

/** What a row shows about something: a short label, its tone, and the detail in words. */
export interface Described {
  label: string;
  tone: Tone;
  detail: string;
}

/**
 * The merged current context, as kubectl takes it: from the first file (in merge order) that sets one.
 *
 * @example
 * currentContextOf([{ order: 1, currentContext: 'b' }, { order: 0 }]); // 'b'
 */
export function currentContextOf(
  files: readonly Pick<KubeconfigFileState, 'order' | 'currentContext'>[],
): string | undefined {
  return [...files].sort((a, b) => a.order - b.order).find((f) => f.currentContext)?.currentContext;
}

/**
 * A context's health in a label, a tone and a sentence (cause, version, credentials, round trip).
 *
 * @example
 * describeHealth({ name: 'p', state: 'unreachable', cause: 'connection refused' }).label; // 'Unreachable'
 */
export function describeHealth(health: ContextHealth | undefined): Described {
  if (!health || health.state === 'checking') return { label: 'Checking…', tone: 'neutral', detail: '' };
  const rtt = health.rttMs === undefined ? '' : `${health.rttMs} ms`;
  switch (health.state) {
    case 'unreachable':
      return { label: 'Unreachable', tone: 'error', detail: health.cause ?? '' };
    case 'unusable':
      return { label: 'Unusable', tone: 'error', detail: health.cause ?? '' };
    case 'unauthorized': {
      const code = health.credentials === 'unauthorized' ? '401 ' : '';
      return {
        label: health.credentials === 'failed' ? 'Credentials failed' : 'Unauthorized',
        tone: 'error',
        detail: `${code}${health.credentialsMessage ?? ''}`.trim(),
      };
    }
    case 'ok': {
      if (health.credentials === 'forbidden')
        return {
          label: 'Reachable',
          tone: 'warning',
          detail: `403 ${health.credentialsMessage ?? ''}`.trim(),
        };
      return { label: 'Reachable', tone: 'ok', detail: [health.version, rtt].filter(Boolean).join(' · ') };
    }
  }
}

/**
 * A kubeconfig file's state in a label, a tone and a sentence; a missing file is a note, as in kubectl.
 *
 * @example
 * describeFile({ state: 'invalid', message: 'cannot be parsed', line: 3, column: 1, keptLastGood: true, ... });
 * // { label: 'Invalid', tone: 'error', detail: 'cannot be parsed (line 3, column 1). The last good contexts are still served.' }
 */
export function describeFile(file: KubeconfigFileState): Described {
  const at = file.line === undefined ? '' : ` (line ${file.line}, column ${file.column ?? 1})`;
  const kept = file.keptLastGood ? ' The last good contexts are still served.' : '';
  switch (file.state) {
    case 'ok':
      return file.problems.length > 0
        ? {
            label: 'Problems',
            tone: 'warning',
            detail: `${file.problems.length} entr${file.problems.length === 1 ? 'y has a problem' : 'ies have problems'}`,
          }
        : { label: 'OK', tone: 'ok', detail: '' };
    case 'missing':
      return { label: 'Missing', tone: 'info', detail: 'Not there: skipped, as kubectl does.' };
    case 'unreadable':
      return { label: 'Unreadable', tone: 'error', detail: `${file.message ?? ''}${kept}` };
    case 'invalid':
      return { label: 'Invalid', tone: 'error', detail: `${file.message ?? ''}${at}.${kept}` };
  }
}
