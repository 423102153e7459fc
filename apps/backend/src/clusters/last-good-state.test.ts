import { describe, expect, it } from 'vitest';
import { type LoadKubeconfigResult, parseKubeconfig } from './kubeconfig.ts';
import { type FileState, nextFileState } from './last-good-state.ts';

const good = parseKubeconfig('/k', 'contexts: [{ name: x, context: { cluster: c } }]') as Extract<
  LoadKubeconfigResult,
  { ok: true }
>;
const empty = parseKubeconfig('/k', '');
const broken = parseKubeconfig('/k', 'contexts: [unclosed');
const missing: LoadKubeconfigResult = { ok: false, path: '/k', problem: 'missing', error: 'does not exist' };
const unreadable: LoadKubeconfigResult = {
  ok: false,
  path: '/k',
  problem: 'unreadable',
  error: 'cannot be read: permission denied',
};
const had: FileState = { path: '/k', file: good.file };

describe('nextFileState', () => {
  it('takes a good file as the new state, clearing any error', () => {
    expect(nextFileState({ path: '/k', error: 'x', goneSince: 1 }, good, 10, 150)).toEqual({ state: had });
  });

  it('keeps the last good contents of a file that cannot be parsed or read, with the error', () => {
    expect(nextFileState(had, broken, 10, 150).state).toEqual({
      path: '/k',
      file: good.file,
      error: expect.stringMatching(/^cannot be parsed: /),
      problem: 'invalid',
    });
    expect(nextFileState(had, unreadable, 10, 150).state).toEqual({
      ...had,
      error: unreadable.error,
      problem: 'unreadable',
    });
    expect(nextFileState(undefined, broken, 10, 150).state.file).toBeUndefined();
  });

  it('gives a file that had contents settleMs to come back after it vanished or was emptied', () => {
    for (const gone of [missing, empty]) {
      const first = nextFileState(had, gone, 1000, 150);
      expect(first).toEqual({ state: { ...had, goneSince: 1000 }, recheckInMs: 150 });
      const second = nextFileState(first.state, gone, 1100, 150);
      expect(second).toEqual({ state: { ...had, goneSince: 1000 }, recheckInMs: 50 });
      const back = nextFileState(second.state, good, 1120, 150);
      expect(back).toEqual({ state: had });
    }
  });

  it('drops the contents once the file stayed gone or empty for settleMs', () => {
    const waiting: FileState = { ...had, goneSince: 1000 };
    expect(nextFileState(waiting, missing, 1150, 150)).toEqual({
      state: { path: '/k', error: 'does not exist', problem: 'missing' },
    });
    expect(nextFileState(waiting, empty, 1150, 150).state).toEqual({
      path: '/k',
      file: expect.objectContaining({ empty: true }),
    });
  });

  it('reports a file that never had contents as missing or empty right away', () => {
    expect(nextFileState(undefined, missing, 0, 150)).toEqual({
      state: { path: '/k', error: 'does not exist', problem: 'missing' },
    });
    expect(nextFileState(undefined, empty, 0, 150).recheckInMs).toBeUndefined();
  });
});
