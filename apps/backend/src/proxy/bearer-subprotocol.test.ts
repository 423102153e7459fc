import { isBadRequest } from '@porthole/protocol';
import { describe, expect, it } from 'vitest';
import { bearerSubprotocolPrefix, takeBearerSubprotocol } from './bearer-subprotocol.ts';

const encode = (token: string) => Buffer.from(token).toString('base64url');

describe('takeBearerSubprotocol', () => {
  it('removes the bearer entry, decodes its token and keeps the other protocols in order', () => {
    const header = `v4.channel.k8s.io, ${bearerSubprotocolPrefix}${encode('eyJhbGciOi.x-y_z')}, channel.k8s.io`;
    expect(takeBearerSubprotocol(header)).toEqual({
      token: 'eyJhbGciOi.x-y_z',
      protocols: 'v4.channel.k8s.io, channel.k8s.io',
    });
  });

  it('tolerates padding', () => {
    const padded = Buffer.from('abcd1').toString('base64');
    expect(padded.endsWith('=')).toBe(true);
    expect(takeBearerSubprotocol(`${bearerSubprotocolPrefix}${padded}`).token).toBe('abcd1');
  });

  it('reports no protocols left when the token was the only entry', () => {
    expect(takeBearerSubprotocol(`${bearerSubprotocolPrefix}${encode('t')}`)).toEqual({
      token: 't',
      protocols: undefined,
    });
  });

  it('leaves a header without a token unchanged', () => {
    expect(takeBearerSubprotocol('v4.channel.k8s.io')).toEqual({
      token: undefined,
      protocols: 'v4.channel.k8s.io',
    });
    expect(takeBearerSubprotocol(undefined)).toEqual({ token: undefined, protocols: undefined });
  });

  it.each([
    ['an empty token', ''],
    ['a token that is not base64url', 'a+b/c'],
    ['a token hiding a header break', encode('t\r\nx-evil: 1')],
    ['a token with spaces', encode('a b')],
  ])('refuses %s with a 400', (_what, encoded) => {
    let caught: unknown;
    try {
      takeBearerSubprotocol(`${bearerSubprotocolPrefix}${encoded}`);
    } catch (err) {
      caught = err;
    }
    expect(isBadRequest(caught)).toBe(true);
  });
});
