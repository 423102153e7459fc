import type { KubeconfigFileState } from '@porthole/sdk';
import { describe, expect, it } from 'vitest';
import { currentContextOf, describeFile, describeHealth } from './describe.ts';

const file: KubeconfigFileState = {
  path: '/k',
  order: 0,
  state: 'ok',
  keptLastGood: false,
  contexts: [],
  problems: [],
};

describe('currentContextOf', () => {
  it('takes the first file in merge order that sets one', () => {
    expect(
      currentContextOf([{ order: 2, currentContext: 'c' }, { order: 0 }, { order: 1, currentContext: 'b' }]),
    ).toBe('b');
    expect(currentContextOf([{ order: 0 }])).toBeUndefined();
  });
});

describe('describeHealth', () => {
  it('names the cause, the 401 and its reason, the version and round trip', () => {
    expect(describeHealth(undefined).label).toBe('Checking…');
    expect(describeHealth({ name: 'a', state: 'unreachable', cause: 'connection refused' })).toEqual({
      label: 'Unreachable',
      tone: 'error',
      detail: 'connection refused',
    });
    expect(
      describeHealth({
        name: 'a',
        state: 'unauthorized',
        credentials: 'unauthorized',
        credentialsMessage: 'log in again',
      }).detail,
    ).toBe('401 log in again');
    expect(
      describeHealth({ name: 'a', state: 'ok', credentials: 'ok', version: 'v1.20.2', rttMs: 12 }).detail,
    ).toBe('v1.20.2 · 12 ms');
  });
});

describe('describeFile', () => {
  it('says a missing file is a note and a broken one keeps its last good contexts, with the position', () => {
    expect(describeFile({ ...file, state: 'missing' }).tone).toBe('info');
    expect(
      describeFile({
        ...file,
        state: 'invalid',
        message: 'cannot be parsed',
        line: 3,
        column: 7,
        keptLastGood: true,
      }).detail,
    ).toBe('cannot be parsed (line 3, column 7). The last good contexts are still served.');
    expect(
      describeFile({
        ...file,
        problems: [{ entry: 'context', name: 'x', kind: 'duplicate', message: 'm', winner: '/a' }],
      }).label,
    ).toBe('Problems');
  });
});
