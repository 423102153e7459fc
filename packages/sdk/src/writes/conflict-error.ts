import type { KubeObject } from '@porthole/protocol';
import type { MergeConflict } from './three-way-merge.ts';

/**
 * An update that can't be rebased: the user and someone else changed the same fields differently.
 * Nothing was written. Carries the three versions and, per conflicting path, the three values, so an
 * editor can show them field by field.
 *
 * @example
 * try { await writes.update(cluster, base, mine); }
 * catch (err) { if (err instanceof ConflictError) showConflicts(err.conflicts); }
 */
export class ConflictError extends Error {
  readonly base: KubeObject;
  readonly mine: KubeObject;
  readonly theirs: KubeObject;
  readonly conflicts: MergeConflict[];
  constructor(base: KubeObject, mine: KubeObject, theirs: KubeObject, conflicts: MergeConflict[]) {
    super(`someone else changed ${conflicts.map((c) => c.path).join(', ')} meanwhile: nothing was written`);
    this.name = 'ConflictError';
    this.base = base;
    this.mine = mine;
    this.theirs = theirs;
    this.conflicts = conflicts;
  }
}

/** One field another field manager owns, from a server-side apply conflict. */
export interface FieldManagerConflict {
  field: string;
  message: string;
}

/**
 * A server-side apply refused because other field managers own fields the apply sets. Pass
 * `force: true` only when the user chose to take them over.
 */
export class ApplyConflictError extends Error {
  readonly conflicts: FieldManagerConflict[];
  constructor(message: string, conflicts: FieldManagerConflict[]) {
    super(message);
    this.name = 'ApplyConflictError';
    this.conflicts = conflicts;
  }
}
