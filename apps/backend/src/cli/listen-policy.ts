import { isIP } from 'node:net';
import type { ServeConfig } from './flags.ts';

/** What {@link checkListenPolicy} decides: serve (maybe with a warning) or refuse with a message. */
export type ListenVerdict = { ok: true; warning?: string } | { ok: false; message: string };

/**
 * True for an address only this machine can reach: `localhost`, 127.0.0.0/8, `::1` (bracketed or not)
 * and IPv4-mapped loopback. Anything else (a wildcard such as `0.0.0.0` or `::`, an interface address, a
 * host name) may be reachable from the network.
 *
 * @example
 * isLoopbackAddress('127.0.0.1'); // true
 * isLoopbackAddress('0.0.0.0'); // false
 */
export function isLoopbackAddress(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const lower = bare.toLowerCase();
  if (lower === 'localhost') return true;
  const v4 = lower.startsWith('::ffff:') ? lower.slice(7) : lower;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  // The URL parser writes an IPv6 address in its shortest form: every spelling of loopback becomes ::1.
  return isIP(lower) === 6 && new URL(`http://[${lower}]`).hostname === '[::1]';
}

/**
 * Listening on a non-loopback address with `--auth local` hands the kubeconfig's (or the pod's service
 * account's) credentials to anyone who can reach the port: refused, unless `--insecure-no-auth` says the
 * operator means it, which still earns a warning at start.
 *
 * @example
 * const verdict = checkListenPolicy(config);
 * if (!verdict.ok) { console.error(verdict.message); process.exit(2); }
 */
export function checkListenPolicy(
  config: Pick<ServeConfig, 'host' | 'authMode' | 'insecureNoAuth' | 'inCluster'>,
): ListenVerdict {
  if (config.authMode !== 'local' || isLoopbackAddress(config.host)) return { ok: true };
  const whose = config.inCluster ? "the service account's and your kubeconfig's" : "your kubeconfig's";
  if (config.insecureNoAuth) {
    return {
      ok: true,
      warning:
        `WARNING: --insecure-no-auth: listening on ${config.host} with no login; anyone who can reach ` +
        `this port acts with ${whose} credentials`,
    };
  }
  return {
    ok: false,
    message:
      `refusing to listen on ${config.host} without an auth mode: anyone who can reach it would act with ` +
      `${whose} credentials. Listen on 127.0.0.1 (the default), choose --auth token, proxy or oidc, ` +
      'or pass --insecure-no-auth if the network is yours alone',
  };
}
