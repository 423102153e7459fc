import { isIP } from 'node:net';
import { UsageError } from './usage-error.ts';

/** The login modes of `--auth`. */
export const authModes = ['local', 'token', 'proxy', 'oidc'] as const;

/** OIDC client settings (`--oidc-*`), present exactly when `authMode` is `oidc`. */
export interface OidcClientConfig {
  /** `--oidc-issuer-url`: the issuer (https), whose discovery document is `<url>/.well-known/openid-configuration`. */
  issuerUrl: string;
  /** `--oidc-client-id`. */
  clientId: string;
  /** `--oidc-client-secret-file`: a file holding the client secret; absent for a public client (PKCE only). */
  clientSecretFile: string | undefined;
  /** `--oidc-ca-file`: PEM bundle that signs the issuer's certificate; default the system's. */
  caFile: string | undefined;
  /** `--oidc-scopes`: always includes `openid`. */
  scopes: string[];
}

/** How people log in and whom requests act for; part of `ServeConfig`. */
export interface AuthConfig {
  /** `--auth`: `local` (default: the kubeconfig's credentials, no login), `token`, `proxy` or `oidc`. */
  authMode: 'local' | 'token' | 'proxy' | 'oidc';
  /** `--external-url`: the public URL people open (e.g. behind an Ingress), no trailing slash. */
  externalUrl: string | undefined;
  /** `--session-secret-file`: the session cookie's keys, the current first (token and oidc modes). */
  sessionSecretFile: string | undefined;
  /** `--trusted-proxy`: CIDRs (or addresses) whose identity headers are believed (proxy mode). */
  trustedProxies: string[];
  /** `--proxy-user-header` (proxy mode), default `X-Forwarded-User`. */
  proxyUserHeader: string;
  /** `--proxy-groups-header` (proxy mode, comma-separated groups), default `X-Forwarded-Groups`. */
  proxyGroupsHeader: string;
  /** The `--oidc-*` flags, when `authMode` is `oidc`. */
  oidc: OidcClientConfig | undefined;
}

/** The flags of {@link AuthConfig}, for `parseArgs`. */
export const authFlagOptions = {
  auth: { type: 'string' },
  'external-url': { type: 'string' },
  'session-secret-file': { type: 'string' },
  'trusted-proxy': { type: 'string', multiple: true },
  'proxy-user-header': { type: 'string' },
  'proxy-groups-header': { type: 'string' },
  'oidc-issuer-url': { type: 'string' },
  'oidc-client-id': { type: 'string' },
  'oidc-client-secret-file': { type: 'string' },
  'oidc-ca-file': { type: 'string' },
  'oidc-scopes': { type: 'string' },
} as const;

/** The help text of the auth flags (part of `porthole serve --help`). */
export const authUsage = `  --auth MODE         who requests act for (default local):
                        local  the kubeconfig's credentials, no login (one person on this machine)
                        token  a login page where a person pastes a bearer token; it is checked
                               against the cluster, then every request sends it
                        proxy  behind an authenticating proxy: user and groups from its headers,
                               believed only from --trusted-proxy addresses; the context's
                               credentials impersonate them (Impersonate-User/Group); else 401
                        oidc   log in with an OpenID Connect issuer (--oidc-*); the id-token is
                               the bearer token, refreshed before it expires
  --external-url URL  the public URL people open, e.g. https://porthole.example.com (oidc
                      redirect URI base; https makes the session cookie Secure)
  --session-secret-file PATH
                      (token, oidc) keys of the session cookie, one per line, each 32+ characters:
                      the first seals, every line opens (rotate: add the new key first, drop the
                      old one once its sessions expired, 8 h). Share it between replicas
  --trusted-proxy CIDR
                      (proxy) an address or CIDR of the authenticating proxy; repeatable
  --proxy-user-header NAME    (proxy) the user header (default X-Forwarded-User)
  --proxy-groups-header NAME  (proxy) the comma-separated groups header (default X-Forwarded-Groups)
  --oidc-issuer-url URL       (oidc) the issuer, https
  --oidc-client-id ID         (oidc) Porthole's client id at the issuer
  --oidc-client-secret-file PATH
                              (oidc) file holding the client secret (omit for a public client)
  --oidc-ca-file PATH         (oidc) CA bundle of the issuer's certificate (default: the system's)
  --oidc-scopes LIST          (oidc) comma- or space-separated scopes (default openid,profile,email,
                              groups,offline_access; openid is always asked for)
`;

type AuthValues = {
  [K in keyof typeof authFlagOptions]?: (typeof authFlagOptions)[K] extends { multiple: true }
    ? string[]
    : string;
};

const defaultScopes = ['openid', 'profile', 'email', 'groups', 'offline_access'];

function headerName(flag: string, value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(value))
    throw new UsageError(`${flag} must be an HTTP header name, got "${value}"`);
  if (/^impersonate-/i.test(value) || /^(authorization|cookie|host)$/i.test(value))
    throw new UsageError(`${flag} cannot be "${value}"`);
  return value;
}

function httpUrl(flag: string, value: string, httpsOnly: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag} must be an absolute URL like https://porthole.example.com, got "${value}"`);
  }
  const schemes = httpsOnly ? ['https:'] : ['https:', 'http:'];
  if (!schemes.includes(url.protocol))
    throw new UsageError(`${flag} must be an ${httpsOnly ? 'https' : 'http(s)'} URL, got "${value}"`);
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '')
    throw new UsageError(`${flag} must not carry a query, fragment or credentials, got "${value}"`);
  return url.href.replace(/\/$/, '');
}

/**
 * `value` as a CIDR `address/prefix` (a bare address is `/32` or `/128`). Throws a UsageError naming it.
 *
 * @example
 * parseCidr('10.0.0.0/8'); // { address: '10.0.0.0', prefix: 8, family: 'ipv4' }
 */
export function parseCidr(value: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } {
  const [address = '', prefixText, extra] = value.trim().split('/');
  const version = isIP(address);
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (
    version === 0 ||
    extra !== undefined ||
    !/^\d*$/.test(prefixText ?? '') ||
    !(prefix >= 0 && prefix <= max)
  )
    throw new UsageError(`--trusted-proxy must be an IP address or CIDR like 10.0.0.0/8, got "${value}"`);
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

function scopesOf(value: string | undefined): string[] {
  if (value === undefined) return defaultScopes;
  const scopes = value.split(/[\s,]+/).filter((s) => s !== '');
  if (scopes.some((s) => !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s)))
    throw new UsageError(`--oidc-scopes must be scope names separated by commas or spaces, got "${value}"`);
  return scopes.includes('openid') ? scopes : ['openid', ...scopes];
}

function requireFlag(flag: string, value: string | undefined, mode: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`--auth ${mode} needs ${flag}`);
  return value;
}

function refuseOutsideMode(values: AuthValues, prefix: string, flags: readonly string[], mode: string): void {
  for (const flag of flags) {
    if (values[flag as keyof AuthValues] !== undefined)
      throw new UsageError(`--${flag} is used only with --auth ${mode}${prefix}`);
  }
}

function parseOidc(values: AuthValues): OidcClientConfig {
  return {
    issuerUrl: httpUrl(
      '--oidc-issuer-url',
      requireFlag('--oidc-issuer-url', values['oidc-issuer-url'], 'oidc'),
      true,
    ),
    clientId: requireFlag('--oidc-client-id', values['oidc-client-id'], 'oidc'),
    clientSecretFile: values['oidc-client-secret-file'],
    caFile: values['oidc-ca-file'],
    scopes: scopesOf(values['oidc-scopes']),
  };
}

/**
 * The {@link AuthConfig} of parsed flags, validated: each mode's required flags present, no flag of
 * another mode, URLs, header names and CIDRs well-formed. Throws a {@link UsageError} naming the flag.
 *
 * @example
 * parseAuthFlags({ auth: 'proxy', 'trusted-proxy': ['10.0.0.0/8'] }).proxyUserHeader; // 'X-Forwarded-User'
 */
export function parseAuthFlags(values: AuthValues): AuthConfig {
  const mode = values.auth ?? 'local';
  if (!(authModes as readonly string[]).includes(mode))
    throw new UsageError(`--auth must be one of ${authModes.join(', ')}; got "${mode}"`);
  const authMode = mode as AuthConfig['authMode'];
  const externalUrl =
    values['external-url'] === undefined
      ? undefined
      : httpUrl('--external-url', values['external-url'], false);
  if (authMode !== 'proxy')
    refuseOutsideMode(values, '', ['trusted-proxy', 'proxy-user-header', 'proxy-groups-header'], 'proxy');
  if (authMode !== 'oidc')
    refuseOutsideMode(
      values,
      '',
      ['oidc-issuer-url', 'oidc-client-id', 'oidc-client-secret-file', 'oidc-ca-file', 'oidc-scopes'],
      'oidc',
    );
  if (authMode === 'local' && values['session-secret-file'] !== undefined)
    throw new UsageError('--session-secret-file is used only with --auth token or oidc');
  const sessionSecretFile =
    authMode === 'token' || authMode === 'oidc'
      ? requireFlag('--session-secret-file', values['session-secret-file'], authMode)
      : values['session-secret-file'];
  const trustedProxies = (values['trusted-proxy'] ?? []).map((v) => {
    const { address, prefix } = parseCidr(v);
    return `${address}/${prefix}`;
  });
  if (authMode === 'proxy' && trustedProxies.length === 0)
    throw new UsageError(
      '--auth proxy needs --trusted-proxy (the address or CIDR of the authenticating proxy)',
    );
  const oidc = authMode === 'oidc' ? parseOidc(values) : undefined;
  if (authMode === 'oidc' && externalUrl === undefined)
    throw new UsageError('--auth oidc needs --external-url (the redirect URI is built from it)');
  return {
    authMode,
    externalUrl,
    sessionSecretFile,
    trustedProxies,
    proxyUserHeader: headerName('--proxy-user-header', values['proxy-user-header'], 'X-Forwarded-User'),
    proxyGroupsHeader: headerName(
      '--proxy-groups-header',
      values['proxy-groups-header'],
      'X-Forwarded-Groups',
    ),
    oidc,
  };
}
