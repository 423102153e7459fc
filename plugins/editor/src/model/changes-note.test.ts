import type { KubeObject } from '@porthole/sdk';
import { diffObjects } from '@porthole/sdk/merge';
import { describe, expect, it } from 'vitest';
import { lastWriter, pathsLabel, rebaseNote } from './changes-note.ts';

const theirs: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'a',
    managedFields: [
      { manager: 'porthole', operation: 'Update', time: '2026-12-04T19:00:00Z' },
      { manager: 'kubectl-edit', operation: 'Update', time: '2026-12-04T19:40:05Z' },
      { manager: 'old', operation: 'Update', time: '2026-12-04T18:00:00Z' },
    ],
  },
  data: { a: '1', b: '2' },
};

describe('rebase notes', () => {
  it('names the latest writer and the merged fields', () => {
    expect(lastWriter(theirs)).toEqual({ manager: 'kubectl-edit', time: '2026-12-04T19:40:05Z' });
    const changes = diffObjects(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { a: '1' } },
      theirs as never,
    );
    expect(rebaseNote(changes, theirs, 'porthole')).toBe(
      'Merged the change kubectl-edit (19:40:05 UTC) made meanwhile to data.b; your edit was saved on top.',
    );
    expect(rebaseNote([], theirs, 'porthole')).toBeUndefined();
    expect(lastWriter(theirs, { except: 'kubectl-edit' })?.manager).toBe('porthole');
  });
  it('says "someone" without managedFields and shortens long lists', () => {
    expect(lastWriter({ metadata: {} } as KubeObject)).toBeUndefined();
    const many = diffObjects({ data: {} }, { data: { a: '1', b: '1', c: '1', d: '1', e: '1', f: '1' } });
    expect(pathsLabel(many)).toBe('data.a, data.b, data.c, data.d and 2 more');
  });
});
