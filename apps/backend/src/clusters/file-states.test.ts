import { describe, expect, it } from 'vitest';
import { describeFiles } from './file-states.ts';
import { type KubeconfigFile, parseKubeconfig } from './kubeconfig.ts';
import type { FileState } from './last-good-state.ts';
import { mergeKubeconfigs } from './merge-kubeconfigs.ts';

function file(path: string, text: string): KubeconfigFile {
  const result = parseKubeconfig(path, text);
  if (!result.ok) throw new Error(result.error);
  return result.file;
}

const a = file(
  '/k/a',
  `
current-context: a1
clusters: [{ name: shared, cluster: { server: https://a } }]
users: [{ name: shared, user: { token: secret-a } }]
contexts:
- { name: a1, context: { cluster: shared, user: shared } }
- { name: both, context: { cluster: shared } }
- { name: lost, context: { cluster: nowhere, user: nobody } }
`,
);
const b = file(
  '/k/b',
  `
clusters: [{ name: shared, cluster: { server: https://b } }]
users: []
contexts: [{ name: both, context: { cluster: shared } }, { name: b1, context: { cluster: shared } }]
`,
);

function states(...list: FileState[]) {
  return describeFiles(list, mergeKubeconfigs(list));
}

describe('describeFiles', () => {
  it('says ok with the contexts of each file, and names entries with problems', () => {
    const [fa, fb] = states({ path: '/k/a', file: a }, { path: '/k/b', file: b });
    expect(fa).toMatchObject({
      path: '/k/a',
      order: 0,
      state: 'ok',
      keptLastGood: false,
      contexts: ['a1', 'both', 'lost'],
      currentContext: 'a1',
    });
    expect(fa?.problems).toEqual([
      {
        entry: 'context',
        name: 'lost',
        kind: 'undefined-cluster',
        message: 'context "lost" names cluster "nowhere", which no kubeconfig file defines',
      },
      {
        entry: 'context',
        name: 'lost',
        kind: 'undefined-user',
        message: 'context "lost" names user "nobody", which no kubeconfig file defines',
      },
    ]);
    expect(fb?.problems).toEqual([
      {
        entry: 'cluster',
        name: 'shared',
        kind: 'duplicate',
        message: 'cluster "shared" is also defined in /k/a, which comes first and wins',
        winner: '/k/a',
      },
      {
        entry: 'context',
        name: 'both',
        kind: 'duplicate',
        message: 'context "both" is also defined in /k/a, which comes first and wins',
        winner: '/k/a',
      },
    ]);
  });

  it('reports a missing file as a note, and an invalid one with its line and column, keeping the last good contexts', () => {
    const [missing, broken] = states(
      { path: '/k/gone', problem: 'missing', error: 'does not exist' },
      {
        path: '/k/a',
        file: a,
        problem: 'invalid',
        error: 'cannot be parsed: Unexpected end at line 7, column 3',
      },
    );
    expect(missing).toEqual({
      path: '/k/gone',
      order: 0,
      state: 'missing',
      message: 'does not exist',
      keptLastGood: false,
      contexts: [],
      problems: [],
    });
    expect(broken).toMatchObject({
      state: 'invalid',
      line: 7,
      column: 3,
      keptLastGood: true,
      contexts: ['a1', 'both', 'lost'],
    });
  });

  it('tells unreadable from invalid and never carries a credential', () => {
    const [unreadable, invalid] = states(
      { path: '/k/dir', problem: 'unreadable', error: 'cannot be read: is a folder' },
      { path: '/k/x', problem: 'invalid', error: 'is not a kubeconfig: clusters is not a list' },
    );
    expect(unreadable?.state).toBe('unreadable');
    expect(invalid).toMatchObject({ state: 'invalid', keptLastGood: false });
    expect(invalid?.line).toBeUndefined();
    const json = JSON.stringify(states({ path: '/k/a', file: a }));
    expect(json).not.toContain('secret-a');
  });
});
