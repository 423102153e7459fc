import { isServiceUnavailable, isTimeout } from '@porthole/protocol';
import { describe, expect, it } from 'vitest';
import { UpstreamDeadlineError } from './upstream-deadlines.ts';
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

describe('unreachableCluster for a fired deadline', () => {
  it('is a 504 Status naming the context, its server, the stage and the seconds waited', () => {
    const err = unreachableCluster(
      'prod',
      'https://10.0.0.1:6443',
      new UpstreamDeadlineError('TLS handshake', 10_000),
    );
    expect(err.status).toMatchObject({
      code: 504,
      reason: 'Timeout',
      message: 'cluster "prod" (https://10.0.0.1:6443) is not answering: no TLS handshake after 10 s',
      details: {
        kind: 'clusters',
        name: 'prod',
        causes: [{ reason: 'UpstreamTimeout', field: 'TLS handshake' }],
      },
    });
    expect(isTimeout(err)).toBe(true);
  });

  it('says a body that stopped flowing "stopped answering"', () => {
    const err = unreachableCluster(
      'prod',
      'https://10.0.0.1:6443',
      new UpstreamDeadlineError('body idle', 500),
    );
    expect(err.status.message).toBe(
      'cluster "prod" (https://10.0.0.1:6443) stopped answering: the response stopped flowing: no data after 0.5 s',
    );
  });
});
