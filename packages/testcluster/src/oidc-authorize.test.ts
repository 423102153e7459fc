import { describe, expect, it } from 'vitest';
import { checkAuthorizationRequest, isLoopbackRedirect, renderLoginPage } from './oidc-authorize.ts';

const valid = {
  response_type: 'code',
  client_id: 'porthole',
  redirect_uri: 'http://127.0.0.1:4466/auth/oidc/callback',
  scope: 'openid groups',
  state: 's',
  nonce: 'n',
  code_challenge: 'c'.repeat(43),
  code_challenge_method: 'S256',
};
const check = (overrides: Record<string, string>) =>
  checkAuthorizationRequest(new URLSearchParams({ ...valid, ...overrides }), 'porthole');

describe('checkAuthorizationRequest', () => {
  it('accepts a code request with a loopback redirect and an S256 challenge', () => {
    expect(check({})).toEqual({
      ok: true,
      request: {
        clientId: 'porthole',
        redirectUri: valid.redirect_uri,
        state: 's',
        nonce: 'n',
        codeChallenge: valid.code_challenge,
      },
    });
  });

  it('refuses an unknown client or a foreign redirect URI with a page, never a redirect', () => {
    expect(check({ client_id: 'evil' })).toEqual({ ok: false, page: 'Unknown client_id.' });
    expect(check({ redirect_uri: 'https://evil.example/cb' })).toEqual({
      ok: false,
      page: 'redirect_uri is not allowed.',
    });
  });

  it('sends an error back to the client when PKCE, response_type or openid are missing', () => {
    const bads: Record<string, string>[] = [
      { code_challenge_method: 'plain' },
      { code_challenge: '' },
      { response_type: 'token' },
      { scope: 'profile' },
    ];
    for (const bad of bads) {
      const result = check(bad);
      expect(result.ok).toBe(false);
      const location = new URL((result as { redirect: string }).redirect);
      expect(location.origin + location.pathname).toBe(valid.redirect_uri);
      expect(location.searchParams.get('error')).toBe('invalid_request');
      expect(location.searchParams.get('state')).toBe('s');
    }
  });
});

describe('isLoopbackRedirect', () => {
  it('takes loopback http(s) URLs only', () => {
    expect(isLoopbackRedirect('http://localhost:1/cb')).toBe(true);
    expect(isLoopbackRedirect('https://[::1]/cb')).toBe(true);
    expect(isLoopbackRedirect('http://127.0.0.1.evil.example/cb')).toBe(false);
    expect(isLoopbackRedirect('javascript:alert(1)')).toBe(false);
    expect(isLoopbackRedirect('http://127.0.0.1/cb#x')).toBe(false);
  });
});

describe('renderLoginPage', () => {
  it('labels its fields and escapes the request it carries', () => {
    const html = renderLoginPage('/auth', {
      clientId: 'porthole',
      redirectUri: valid.redirect_uri,
      state: '"><script>alert(1)</script>',
      codeChallenge: valid.code_challenge,
    });
    expect(html).toContain('<label for="username">Username</label>');
    expect(html).toContain('<label for="password">Password</label>');
    expect(html).toContain('<button type="submit">Sign in</button>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#34;&#62;&#60;script&#62;');
  });
});
