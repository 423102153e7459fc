import { describe, expect, it } from 'vitest';
import { parseFlags } from './flags.ts';

function serve(...args: string[]) {
  return parseFlags(['serve', ...args], { HOME: '/home/me' });
}

function errorOf(...args: string[]): string {
  const result = serve(...args);
  return result.kind === 'error' ? result.message : `no error: ${result.kind}`;
}

describe('parseFlags (auth)', () => {
  it('reads token mode with its secret file and an external URL', () => {
    const result = serve(
      '--auth',
      'token',
      '--session-secret-file',
      '/s/key',
      '--external-url',
      'https://porthole.example.com/',
    );
    expect(result.kind === 'serve' && result.config).toMatchObject({
      authMode: 'token',
      sessionSecretFile: '/s/key',
      externalUrl: 'https://porthole.example.com',
    });
  });

  it('reads proxy mode: trusted CIDRs normalised, custom header names', () => {
    const result = serve(
      '--auth',
      'proxy',
      '--trusted-proxy',
      '10.0.0.0/8',
      '--trusted-proxy',
      '::1',
      '--proxy-user-header',
      'X-Auth-Request-User',
    );
    expect(result.kind === 'serve' && result.config).toMatchObject({
      authMode: 'proxy',
      trustedProxies: ['10.0.0.0/8', '::1/128'],
      proxyUserHeader: 'X-Auth-Request-User',
      proxyGroupsHeader: 'X-Forwarded-Groups',
    });
  });

  it('reads the oidc flags; openid is always asked for', () => {
    const result = serve(
      ...['--auth', 'oidc', '--session-secret-file', '/s/key', '--external-url', 'https://p.example'],
      ...['--oidc-issuer-url', 'https://issuer.example/realms/x', '--oidc-client-id', 'porthole'],
      ...[
        '--oidc-client-secret-file',
        '/s/client',
        '--oidc-ca-file',
        '/s/ca.pem',
        '--oidc-scopes',
        'groups email',
      ],
    );
    expect(result.kind === 'serve' && result.config.oidc).toEqual({
      issuerUrl: 'https://issuer.example/realms/x',
      clientId: 'porthole',
      clientSecretFile: '/s/client',
      caFile: '/s/ca.pem',
      scopes: ['openid', 'groups', 'email'],
    });
  });

  it("refuses each mode without what it needs, and another mode's flags", () => {
    expect(errorOf('--auth', 'magic')).toMatch(/--auth must be one of local, token, proxy, oidc/);
    expect(errorOf('--auth', 'token')).toMatch(/--auth token needs --session-secret-file/);
    expect(errorOf('--auth', 'proxy')).toMatch(/--auth proxy needs --trusted-proxy/);
    expect(errorOf('--auth', 'oidc', '--session-secret-file', '/k', '--external-url', 'https://p')).toMatch(
      /needs --oidc-issuer-url/,
    );
    expect(
      errorOf(
        '--auth',
        'oidc',
        '--session-secret-file',
        '/k',
        '--oidc-issuer-url',
        'https://i',
        '--oidc-client-id',
        'c',
      ),
    ).toMatch(/needs --external-url/);
    expect(errorOf('--trusted-proxy', '10.0.0.0/8')).toMatch(
      /--trusted-proxy is used only with --auth proxy/,
    );
    expect(errorOf('--oidc-client-id', 'x')).toMatch(/--oidc-client-id is used only with --auth oidc/);
    expect(errorOf('--session-secret-file', '/k')).toMatch(/only with --auth token or oidc/);
    expect(
      errorOf('--auth', 'proxy', '--trusted-proxy', '10.0.0.0/8', '--bundle-group-header', 'X-G'),
    ).toMatch(/--bundle-group-header is for local mode/);
  });

  it('refuses malformed CIDRs, URLs and header names (hostile values included)', () => {
    for (const cidr of ['10.0.0.0/33', 'example.com', '10.0.0.0/8/8', '10.0.0.0/-1', '', '::1/129']) {
      expect(errorOf('--auth', 'proxy', '--trusted-proxy', cidr)).toMatch(
        /--trusted-proxy must be an IP address/,
      );
    }
    expect(errorOf('--external-url', 'javascript:alert(1)')).toMatch(
      /--external-url must be an http\(s\) URL/,
    );
    expect(errorOf('--external-url', 'https://a.example/?x=1')).toMatch(/must not carry a query/);
    expect(errorOf('--external-url', 'https://user:pw@a.example')).toMatch(/must not carry a query/);
    const oidc = [
      '--auth',
      'oidc',
      '--session-secret-file',
      '/k',
      '--external-url',
      'https://p',
      '--oidc-client-id',
      'c',
    ];
    expect(errorOf(...oidc, '--oidc-issuer-url', 'http://issuer.example')).toMatch(/must be an https URL/);
    const proxy = ['--auth', 'proxy', '--trusted-proxy', '127.0.0.1'];
    expect(errorOf(...proxy, '--proxy-user-header', 'X User')).toMatch(/must be an HTTP header name/);
    expect(errorOf(...proxy, '--proxy-groups-header', 'Impersonate-Group')).toMatch(/cannot be/);
    expect(errorOf(...proxy, '--proxy-user-header', 'Authorization')).toMatch(/cannot be/);
  });

  it('documents every auth flag in --help', () => {
    const help = parseFlags(['--help']);
    const text = help.kind === 'help' ? help.text : '';
    for (const flag of [
      '--auth MODE',
      '--external-url',
      '--session-secret-file',
      '--trusted-proxy',
      '--proxy-user-header',
      '--proxy-groups-header',
      '--oidc-issuer-url',
      '--oidc-client-id',
      '--oidc-client-secret-file',
      '--oidc-ca-file',
      '--oidc-scopes',
    ])
      expect(text).toContain(flag);
  });
});
