import { describe, expect, it } from 'vitest';
import { impersonationHeaders } from './impersonation-headers.ts';

describe('impersonationHeaders', () => {
  it('is empty when the user asks for no impersonation', () => {
    expect(impersonationHeaders(undefined)).toEqual({});
  });

  it('sends user, uid, every group and percent-encoded extra keys like kubectl', () => {
    expect(
      impersonationHeaders({
        user: 'jane',
        uid: '42',
        groups: ['dev', 'ops'],
        extra: { 'acme.com/project': ['a', 'b'] },
      }),
    ).toEqual({
      'impersonate-user': 'jane',
      'impersonate-uid': '42',
      'impersonate-group': ['dev', 'ops'],
      'impersonate-extra-acme.com%2Fproject': ['a', 'b'],
    });
  });
});
