import type { Change, KubeObject } from '@porthole/sdk';

/** Who last wrote an object, from its managedFields: the entry with the latest time. */
export interface LastWriter {
  manager: string;
  /** ISO time of that write, when the entry has one. */
  time?: string;
}

interface ManagedFieldsEntry {
  manager?: string;
  time?: string;
  operation?: string;
}

/**
 * The field manager that wrote `object` last (managedFields' latest `time`), leaving out `except` (the
 * person's own manager, e.g. after their save); `undefined` without managedFields.
 *
 * @example
 * lastWriter(live); // { manager: 'kubectl-edit', time: '2026-12-04T19:40:00Z' }
 */
export function lastWriter(object: KubeObject, options: { except?: string } = {}): LastWriter | undefined {
  const entries = (object.metadata.managedFields ?? []) as ManagedFieldsEntry[];
  let latest: ManagedFieldsEntry | undefined;
  for (const entry of entries) {
    if (options.except !== undefined && entry.manager === options.except) continue;
    if (!latest || (entry.time ?? '') >= (latest.time ?? '')) latest = entry;
  }
  if (!latest?.manager) return undefined;
  return latest.time ? { manager: latest.manager, time: latest.time } : { manager: latest.manager };
}

/** `kubectl-edit (19:40:00 UTC)`, or `someone` without managedFields. */
export function writerLabel(writer: LastWriter | undefined): string {
  if (!writer) return 'someone';
  if (!writer.time) return writer.manager;
  const time = new Date(writer.time);
  const at = Number.isNaN(time.getTime()) ? writer.time : `${time.toISOString().slice(11, 19)} UTC`;
  return `${writer.manager} (${at})`;
}

/** The changed paths, at most `max` named, e.g. `data.b, metadata.labels.x and 3 more`. */
export function pathsLabel(changes: readonly Change[], max = 4): string {
  const paths = [...new Set(changes.map((c) => c.path))];
  if (paths.length <= max) return paths.join(', ');
  return `${paths.slice(0, max).join(', ')} and ${paths.length - max} more`;
}

/**
 * The short note after a save that was rebased: what was merged from whom (the latest writer of `saved`
 * other than `self`, the manager the save wrote as).
 *
 * @example
 * rebaseNote(result.rebasedOnto, result.object, 'porthole');
 * // 'Merged the change kubectl-edit (19:40:00 UTC) made meanwhile to data.b; your edit was saved on top.'
 */
export function rebaseNote(
  rebasedOnto: readonly Change[],
  saved: KubeObject,
  self: string,
): string | undefined {
  if (rebasedOnto.length === 0) return undefined;
  return `Merged the change ${writerLabel(lastWriter(saved, { except: self }))} made meanwhile to ${pathsLabel(rebasedOnto)}; your edit was saved on top.`;
}
