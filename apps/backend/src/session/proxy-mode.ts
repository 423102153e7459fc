import { BlockList, isIP } from 'node:net';
import type { AuthMode, AuthModeDeps } from './auth-mode.ts';
import { type Principal, principalId } from './principal.ts';

/**
 * A check of peer addresses against CIDRs (`--trusted-proxy`), with node's `net.BlockList`. An
 * IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, what a dual-stack listener reports) is checked as IPv4.
 *
 * @example
 * const trusted = createAddressCheck(['10.0.0.0/8', '::1']);
 * trusted('::ffff:10.1.2.3'); // true
 * trusted(undefined); // false
 */
export function createAddressCheck(cidrs: readonly string[]): (address: string | undefined) => boolean {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address = '', prefix] = cidr.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    list.addSubnet(address, Number(prefix ?? (family === 'ipv6' ? 128 : 32)), family);
  }
  return (address) => {
    if (!address) return false;
    const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)?.[1];
    const plain = mapped ?? address;
    const version = isIP(plain);
    if (version === 0) return false;
    return list.check(plain, version === 6 ? 'ipv6' : 'ipv4');
  };
}

/** A user or group name the proxy may send: 1–256 characters, no control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const namePattern = /^[^\u0000-\u001f\u007f]{1,256}$/;
const maxGroups = 256;

/**
 * The user and groups of a proxy's headers, or `undefined` when the user header is missing, empty or
 * malformed (a malformed group also refuses the request: better a 401 than a person without a group).
 *
 * @example
 * identityOfHeaders('alice', 'team-a, dev'); // { user: 'alice', groups: ['team-a', 'dev'] }
 */
export function identityOfHeaders(
  userHeader: string | undefined,
  groupsHeader: string | undefined,
): { user: string; groups: string[] } | undefined {
  const user = userHeader?.trim() ?? '';
  if (!namePattern.test(user)) return undefined;
  const groups = (groupsHeader ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g !== '');
  if (groups.length > maxGroups || groups.some((g) => !namePattern.test(g))) return undefined;
  return { user, groups: [...new Set(groups)] };
}

/**
 * `--auth proxy`: behind an authenticating proxy. A request from a `--trusted-proxy` address carrying
 * the user header (`--proxy-user-header`, groups in `--proxy-groups-header`) acts as that person: the
 * context's credentials with `Impersonate-User` / `Impersonate-Group`. Anything else is refused (401):
 * headers from any other address are never believed. No session cookie: the proxy asserts the person
 * on every request.
 *
 * @example
 * const mode = createProxyAuthMode({ config, sessions: undefined, call, contextNames, log });
 */
export function createProxyAuthMode(deps: AuthModeDeps): AuthMode {
  const { trustedProxies, proxyUserHeader, proxyGroupsHeader } = deps.config;
  if (trustedProxies.length === 0) throw new Error('--auth proxy needs --trusted-proxy');
  const trusted = createAddressCheck(trustedProxies);
  return {
    name: 'proxy',
    loginPage: false,
    async authenticate(req) {
      if (!trusted(req.remoteAddress)) return undefined;
      const who = identityOfHeaders(req.header(proxyUserHeader), req.header(proxyGroupsHeader));
      if (!who) return undefined;
      const principal: Principal = {
        id: principalId('proxy', who.user, who.groups),
        user: who.user,
        groups: who.groups,
        upstream: { kind: 'impersonate', user: who.user, groups: who.groups },
      };
      return { principal };
    },
  };
}
