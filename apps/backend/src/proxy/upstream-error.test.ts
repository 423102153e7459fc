import { isServiceUnavailable } from '@porthole/protocol';
import { describe, expect, it } from 'vitest';
import { describeUpstreamFailure, unreachableCluster } from './upstream-error.ts';

const failure = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('describeUpstreamFailure', () => {
  it.each([
    ['ECONNREFUSED', 'connection refused'],
    ['ENOTFOUND', 'DNS lookup failed'],
    ['ETIMEDOUT', 'timed out'],
    ['ECONNRESET', 'connection reset'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'TLS certificate problem'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'TLS certificate problem'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'TLS certificate problem'],
  ])('words %s as %s', (code, words) => {
    expect(describeUpstreamFailure(failure(code))).toContain(words);
  });

  it('falls back to the error message', () => {
    expect(describeUpstreamFailure(new Error('socket hang up'))).toBe('socket hang up');
  });
});

describe('unreachableCluster', () => {
  it('is a 502 Status naming the cluster, its server and the cause', () => {
    const err = unreachableCluster('prod', 'https://10.0.0.1:6443', failure('ECONNREFUSED'));
    expect(err.status).toMatchObject({
      kind: 'Status',
      code: 502,
      message: 'cluster "prod" (https://10.0.0.1:6443) is unreachable: connection refused',
    });
    expect(isServiceUnavailable(err)).toBe(true);
  });
});
