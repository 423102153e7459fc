import { describe, expect, it } from 'vitest';
import { decodeExecStatus, isStructuredStatus } from './exec-status.ts';

describe('decodeExecStatus', () => {
  it('reads Success as exit code 0', () => {
    expect(decodeExecStatus('{"metadata":{},"status":"Success"}', true)).toEqual({ kind: 'exit', code: 0 });
  });

  it('reads the ExitCode cause of NonZeroExitCode, with the message', () => {
    const status = {
      status: 'Failure',
      message: 'command terminated with non-zero exit code: exit code 42',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '42' }] },
    };
    expect(decodeExecStatus(JSON.stringify(status), true)).toEqual({
      kind: 'exit',
      code: 42,
      message: status.message,
    });
  });

  it('turns any other Failure into a failure carrying its code, reason and message', () => {
    const status = { status: 'Failure', message: 'exec: "nope": not found', reason: 'InternalError' };
    expect(decodeExecStatus(JSON.stringify(status), true)).toEqual({
      kind: 'failed',
      failure: { code: 500, reason: 'InternalError', message: status.message },
    });
    expect(decodeExecStatus('{"status":"Failure","reason":"NonZeroExitCode"}', true)).toMatchObject({
      kind: 'failed',
    });
  });

  it('reports a status that is not JSON as an internal error', () => {
    expect(decodeExecStatus('not json', true)).toEqual({
      kind: 'failed',
      failure: { code: 500, reason: 'InternalError', message: 'not json' },
    });
  });

  it('reads channel.k8s.io plain text: nothing is success, "exit code N" is N, other text a failure', () => {
    expect(decodeExecStatus('', false)).toEqual({ kind: 'exit', code: 0 });
    const text = 'command terminated with non-zero exit code: exit code 3';
    expect(decodeExecStatus(text, false)).toEqual({ kind: 'exit', code: 3, message: text });
    expect(decodeExecStatus('boom', false)).toMatchObject({ kind: 'failed', failure: { message: 'boom' } });
  });
});

describe('isStructuredStatus', () => {
  it('is true for v4 and v5 only', () => {
    expect(isStructuredStatus('v5.channel.k8s.io')).toBe(true);
    expect(isStructuredStatus('v4.channel.k8s.io')).toBe(true);
    expect(isStructuredStatus('channel.k8s.io')).toBe(false);
  });
});
