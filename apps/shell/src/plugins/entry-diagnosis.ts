import type { PluginFailureKind } from './plugin-load-result.ts';

/** What {@link diagnoseEntry} found. */
export interface EntryDiagnosis {
  kind: Extract<PluginFailureKind, 'unreachable' | 'integrity'>;
  reason: string;
}

function toBase64(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * After an entry failed to load, finds out why: the browser reports a refused SRI check and a dead
 * server alike (a script `error` event), so fetch the entry once and compare its SHA-384 with the pin.
 *
 * @example
 * const why = await diagnoseEntry(fetch, '/plugins/hello/remoteEntry.js', 'sha384-...', err);
 * // { kind: 'integrity', reason: 'the entry /plugins/hello/remoteEntry.js does not match its integrity: ...' }
 */
export async function diagnoseEntry(
  fetchFn: typeof fetch,
  entry: string,
  integrity: string | undefined,
  loadError: string,
): Promise<EntryDiagnosis> {
  let res: Response;
  try {
    res = await fetchFn(entry, { cache: 'no-store' });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { kind: 'unreachable', reason: `cannot fetch ${entry}: ${why}` };
  }
  if (!res.ok) {
    let detail = '';
    try {
      const body = (await res.json()) as { message?: unknown };
      if (typeof body.message === 'string') detail = `: ${body.message}`;
    } catch {
      // Not a Status body; the code says enough.
    }
    return { kind: 'unreachable', reason: `${entry} answered ${res.status}${detail}` };
  }
  if (integrity?.startsWith('sha384-')) {
    const actual = `sha384-${toBase64(await crypto.subtle.digest('SHA-384', await res.arrayBuffer()))}`;
    if (actual !== integrity)
      return {
        kind: 'integrity',
        reason: `the entry ${entry} does not match its integrity: expected ${integrity}, got ${actual}`,
      };
  }
  return { kind: 'unreachable', reason: `could not load ${entry}: ${loadError}` };
}
