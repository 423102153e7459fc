import { describe, expect, it } from 'vitest';
import { causesOfIssues, describeIssues, fieldPath, isStatus } from './index.ts';

describe('isStatus', () => {
  it('accepts a Kubernetes Status body', () => {
    expect(
      isStatus({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        code: 404,
        reason: 'NotFound',
      }),
    ).toBe(true);
  });

  it('rejects an object that is not a Status', () => {
    expect(isStatus({ kind: 'Pod', apiVersion: 'v1' })).toBe(false);
    expect(isStatus({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure' })).toBe(false);
  });
});

describe('causesOfIssues and describeIssues', () => {
  it('name the field of each problem a schema found, and leave it out for the value as a whole', () => {
    const issues = [
      { path: ['bundles', 'payments', 1], message: 'unknown plugin' },
      { path: [], message: 'must be an object' },
    ];
    expect(causesOfIssues(issues)).toEqual([
      { field: 'bundles.payments.1', message: 'unknown plugin' },
      { message: 'must be an object' },
    ]);
    expect(describeIssues(issues)).toBe('bundles.payments.1: unknown plugin; must be an object');
  });
});

describe('fieldPath', () => {
  it('names a field by its path: dotted keys, indexes in brackets, empty for the root', () => {
    expect(fieldPath(['links', 0, 'url'])).toBe('links[0].url');
    expect(fieldPath(['bundles', 'payments', 1])).toBe('bundles.payments[1]');
    expect(fieldPath([])).toBe('');
  });
});
