import { describe, expect, it } from 'vitest';
import { isStatus } from './index.ts';

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
