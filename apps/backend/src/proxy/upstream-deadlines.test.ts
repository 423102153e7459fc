import { describe, expect, it } from 'vitest';
import { formatSeconds, isLongLivedRequest } from './upstream-deadlines.ts';

describe('isLongLivedRequest', () => {
  it.each([
    ['/api/v1/pods', '?watch=1', true],
    ['/api/v1/pods', '?watch=true&resourceVersion=5', true],
    ['/api/v1/watch/pods', '', true],
    ['/api/v1/namespaces/a/pods/b/log', '?follow=true', true],
    ['/api/v1/pods', '', false],
    ['/api/v1/pods', '?watch=false', false],
    ['/api/v1/namespaces/a/pods/b/log', '?follow=false', false],
    ['/api/v1/namespaces/watchers/pods', '', false],
  ])('%s%s -> %s', (path, search, expected) => {
    expect(isLongLivedRequest({ path, search })).toBe(expected);
  });
});

describe('formatSeconds', () => {
  it('writes whole seconds plainly and others to a tenth', () => {
    expect(formatSeconds(10_000)).toBe('10 s');
    expect(formatSeconds(300)).toBe('0.3 s');
    expect(formatSeconds(1_250)).toBe('1.3 s');
  });
});
