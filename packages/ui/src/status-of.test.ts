import { describe, expect, it } from 'vitest';
import { statusOf } from './status-of.ts';

const forbidden = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  code: 403,
  reason: 'Forbidden',
  message: 'pods is forbidden',
  details: { causes: [{ field: 'spec', message: 'no' }] },
} as const;

describe('statusOf', () => {
  it('takes a Status as it is, and the Status an error carries (the SDK StatusError)', () => {
    expect(statusOf(forbidden)).toBe(forbidden);
    const error = Object.assign(new Error('pods is forbidden'), { status: forbidden });
    expect(statusOf(error)).toBe(forbidden);
  });

  it('makes a 500-like Status of an Error, a string or anything else', () => {
    expect(statusOf(new Error('boom'))).toEqual({ message: 'boom', code: 500 });
    expect(statusOf('the watch failed')).toEqual({ message: 'the watch failed', code: 500 });
    expect(statusOf(undefined)).toEqual({ message: 'undefined', code: 500 });
    expect(statusOf({ kind: 'Pod' })).toEqual({ message: '[object Object]', code: 500 });
  });
});
