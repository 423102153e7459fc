import type { KubeObject } from '@porthole/protocol';
import { describe, expect, it } from 'vitest';
import { ApplyConflictError, ConflictError } from './conflict-error.ts';

const object = (replicas: number): KubeObject => ({ metadata: { name: 'web' }, spec: { replicas } });

describe('ConflictError', () => {
  it('names every conflicting path, says nothing was written, and carries the three versions', () => {
    const conflicts = [
      { path: 'spec.replicas', base: 1, mine: 3, theirs: 5 },
      { path: 'metadata.labels.team', base: 'a', mine: 'b', theirs: 'c' },
    ];
    const error = new ConflictError(object(1), object(3), object(5), conflicts);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConflictError');
    expect(error.message).toBe(
      'someone else changed spec.replicas, metadata.labels.team meanwhile: nothing was written',
    );
    expect(error).toMatchObject({ base: object(1), mine: object(3), theirs: object(5), conflicts });
  });
});

describe('ApplyConflictError', () => {
  it("keeps the API server's message and each field another manager owns", () => {
    const conflicts = [{ field: '.spec.replicas', message: 'conflict with "kubectl"' }];
    const error = new ApplyConflictError('Apply failed with 1 conflict', conflicts);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ApplyConflictError');
    expect(error.message).toBe('Apply failed with 1 conflict');
    expect(error.conflicts).toEqual(conflicts);
  });
});
