import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultUpstreamDeadlines, type UpstreamDeadlines } from '../proxy/upstream-deadlines.ts';
import { type AuthConfig, authFlagOptions, authUsage, parseAuthFlags } from './auth-flags.ts';
import { UsageError } from './usage-error.ts';

/** What `porthole serve` runs with, validated (the auth fields: see {@link AuthConfig}). */
export interface ServeConfig extends AuthConfig {
  /** Kubeconfig files in merge order (the first file wins per name, as in kubectl). */
  kubeconfigs: string[];
  port: number;
  host: string;
  /** Plugin registry file (YAML), or a folder holding `plugins.yaml`. */
  plugins: string | undefined;
  /** Accept dev overrides (`GET /api/plugins?dev=NAME=URL`) that load a plugin from its dev server. */
  dev: boolean;
  /** A header carrying the user's auth groups (`X-Forwarded-Groups`) that picks their bundle. */
  bundleGroupHeader: string | undefined;
  /** Serve the cluster Porthole runs in, from the pod's service account (context `in-cluster`). */
  inCluster: boolean;
  /** Where the service account's `token`, `ca.crt` and `namespace` are (`--service-account-dir`). */
  serviceAccountDir: string;
  /** `KUBERNETES_SERVICE_HOST` and `_PORT`, read only with `--in-cluster` (set in every pod). */
  kubernetesService: { host: string; port: string } | undefined;
  /** Listen on a non-loopback address without an auth mode (`--insecure-no-auth`). */
  insecureNoAuth: boolean;
  /** How long SIGTERM's drain may take before every connection is cut and the process exits. */
  shutdownGraceMs: number;
  /** Origins besides the backend's own that may open WebSockets (e.g. the public URL behind an Ingress). */
  allowedOrigins: string[];
  /** Write refreshed OIDC tokens back to the kubeconfig file they came from, as kubectl does. */
  oidcWriteBack: boolean;
  /** The multiplexer's batch window for watch deltas, in milliseconds. */
  muxBatchMs: number;
  /** How long each stage of a call to a cluster may take (`--connect-timeout`, ...). */
  deadlines: UpstreamDeadlines;
  /** The environment exec credential plugins inherit (they need PATH, HOME, cloud SDK variables). */
  pluginEnv: Record<string, string | undefined>;
}

/** Where Kubernetes mounts a pod's service account. */
export const defaultServiceAccountDir = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The outcome of {@link parseFlags}: never throws, the caller decides how to exit. */
export type ParseFlagsResult =
  | { kind: 'serve'; config: ServeConfig }
  /** `porthole create-plugin NAME [--dir DIR]`: scaffold a plugin (done by @porthole/plugin-kit). */
  | { kind: 'create-plugin'; name: string; dir: string | undefined }
  | { kind: 'help'; text: string }
  | { kind: 'error'; message: string; text: string };

/** The environment variables Porthole reads; everything else in `process.env` is ignored. */
export interface FlagsEnv {
  KUBECONFIG?: string | undefined;
  HOME?: string | undefined;
  /** Passed on to exec credential plugins as their environment. */
  [name: string]: string | undefined;
}

export const usage = `Usage: porthole serve [flags]
       porthole create-plugin NAME [--dir DIR]

serve: serves the Porthole web console and its API.
create-plugin: scaffolds a plugin (a page listing pods, a test) into DIR, default plugins/NAME
  of the Porthole checkout; see docs/plugins.md.

Flags:
  --kubeconfig PATH   kubeconfig file to read; repeat for several (merged like kubectl:
                      the first file wins per name). Default: $KUBECONFIG (colon-separated),
                      else ~/.kube/config
  --port N            port to listen on (default 4466; 0 picks a free port)
  --host HOST         address to listen on (default 127.0.0.1)
  --plugins PATH      plugin registry file (YAML), or a folder holding plugins.yaml (default: the
                      built-in registry of the product plugins, plugins/registry.yaml)
  --dev               accept plugin dev overrides (GET /api/plugins?dev=NAME=URL); local use only
  --bundle-group-header NAME
                      header with the user's comma-separated auth groups (e.g. X-Forwarded-Groups,
                      from an authenticating proxy); its first group in groupBundles picks the bundle
  --in-cluster        also serve the cluster Porthole runs in, as context "in-cluster", with the
                      pod's service account (token re-read when it rotates) and
                      KUBERNETES_SERVICE_HOST/PORT; --kubeconfig files may add contexts beside it
  --service-account-dir DIR
                      where the service account's token, ca.crt and namespace are (default
                      /var/run/secrets/kubernetes.io/serviceaccount)
  --insecure-no-auth  allow --host on a non-loopback address with --auth local: anyone who can
                      reach the port acts with your credentials (a warning is printed)
  --shutdown-grace D  how long SIGTERM's drain may take before every connection is cut (default
                      25s); /readyz answers 503 from the first moment of the drain
  --allowed-origin O  an origin besides Porthole's own that may open WebSockets, e.g. the
                      public https://porthole.example.com behind an Ingress; repeatable
  --oidc-write-back   write refreshed OIDC tokens back to their kubeconfig file (as kubectl does)
  --mux-batch-ms MS   how long watch changes gather before they go to the browser (default 10;
                      a change after a quiet moment goes at once)
  --connect-timeout D        how long connecting to a cluster may take (default 15s)
  --tls-handshake-timeout D  how long its TLS handshake may take (default 10s, like kubectl)
  --response-timeout D       how long a cluster may take to start answering a request (default 30s)
  --idle-timeout D           how long an ordinary response may pause mid-body (default 30s)
  --body-timeout D           how long an ordinary response body may take in all (default 5m)
                      D is a duration: 500ms, 10s, 2m (a plain number is seconds). Watches, log
                      follows and exec stay open while quiet: only the first three apply to them.
                      A deadline that fires answers 504 naming the context, the stage and the wait.
  --dir DIR           (create-plugin) the folder to create
${authUsage}  -h, --help          show this help
`;

const options = {
  kubeconfig: { type: 'string', multiple: true },
  port: { type: 'string' },
  host: { type: 'string' },
  plugins: { type: 'string' },
  dev: { type: 'boolean' },
  'bundle-group-header': { type: 'string' },
  'in-cluster': { type: 'boolean' },
  'service-account-dir': { type: 'string' },
  'insecure-no-auth': { type: 'boolean' },
  'shutdown-grace': { type: 'string' },
  'allowed-origin': { type: 'string', multiple: true },
  'oidc-write-back': { type: 'boolean' },
  'mux-batch-ms': { type: 'string' },
  'connect-timeout': { type: 'string' },
  'tls-handshake-timeout': { type: 'string' },
  'response-timeout': { type: 'string' },
  'idle-timeout': { type: 'string' },
  'body-timeout': { type: 'string' },
  ...authFlagOptions,
  dir: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parsePort(value: string | undefined): number {
  if (value === undefined) return 4466;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, got "${value}"`);
  return port;
}

function parseBatchMs(value: string | undefined): number {
  if (value === undefined) return 10;
  const ms = Number(value);
  if (!/^\d+$/.test(value) || ms > 1000)
    throw new UsageError(`--mux-batch-ms must be a number of milliseconds from 0 to 1000, got "${value}"`);
  return ms;
}

const durationUnits: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/** `500ms`, `10s`, `2m` or a plain number of seconds, from 1 ms to 1 h; `fallback` when absent. */
function parseDuration(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
  const ms = match ? Math.round(Number(match[1]) * (durationUnits[match[2] ?? 's'] ?? 1000)) : Number.NaN;
  if (!(ms >= 1 && ms <= 3_600_000))
    throw new UsageError(`${flag} must be a duration from 1ms to 1h like 500ms, 10s or 2m, got "${value}"`);
  return ms;
}

function parseDeadlines(values: Record<string, unknown>): UpstreamDeadlines {
  const d = defaultUpstreamDeadlines;
  const flag = (name: string, fallback: number) =>
    parseDuration(`--${name}`, values[name] as string | undefined, fallback);
  return {
    connectMs: flag('connect-timeout', d.connectMs),
    tlsHandshakeMs: flag('tls-handshake-timeout', d.tlsHandshakeMs),
    responseMs: flag('response-timeout', d.responseMs),
    idleMs: flag('idle-timeout', d.idleMs),
    bodyMs: flag('body-timeout', d.bodyMs),
  };
}

function nonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} must not be empty`);
  return value;
}

function parseOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `--allowed-origin must be an origin like https://porthole.example.com, got "${value}"`,
    );
  }
  if (url.origin === 'null' || url.origin !== value.replace(/\/$/, '')) {
    throw new UsageError(
      `--allowed-origin must be an origin (scheme://host[:port], no path), got "${value}"`,
    );
  }
  return url.origin;
}

function parseHeaderName(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(value))
    throw new UsageError(`--bundle-group-header must be an HTTP header name, got "${value}"`);
  return value;
}

/** With `--in-cluster`, the pod's `KUBERNETES_SERVICE_HOST`/`_PORT`, as client-go's InClusterConfig reads them. */
function kubernetesServiceOf(inCluster: boolean, env: FlagsEnv): ServeConfig['kubernetesService'] {
  if (!inCluster) return undefined;
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port)
    throw new UsageError(
      '--in-cluster needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT (Kubernetes sets them in every pod)',
    );
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)
    throw new UsageError(`KUBERNETES_SERVICE_PORT must be a port number, got "${port}"`);
  return { host, port };
}

/** Explicit files, else `$KUBECONFIG`, else `~/.kube/config` (not in a pod: `--in-cluster` needs no file). */
function defaultKubeconfigs(env: FlagsEnv, inCluster: boolean): string[] {
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter((p) => p !== '');
  if (fromEnv.length > 0 || inCluster) return fromEnv;
  return [join(env.HOME || homedir(), '.kube', 'config')];
}

/**
 * Turns the command line (without `node` and the script) and the environment into a validated
 * {@link ServeConfig}. The one place Porthole reads environment variables.
 *
 * @example
 * const result = parseFlags(['serve', '--kubeconfig', 'a.yaml', '--port', '8080'], process.env);
 * if (result.kind === 'serve') console.log(result.config.port); // 8080
 */
export function parseFlags(argv: readonly string[], env: FlagsEnv = process.env): ParseFlagsResult {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options,
      allowPositionals: true,
      strict: true,
    });
    if (values.help) return { kind: 'help', text: usage };
    const [command, ...extra] = positionals;
    if (command === undefined) throw new UsageError('missing command: expected "serve"');
    if (command === 'create-plugin') {
      if (extra.length !== 1)
        throw new UsageError('create-plugin takes one NAME, e.g. porthole create-plugin my-plugin');
      return { kind: 'create-plugin', name: extra[0] ?? '', dir: nonEmpty('--dir', values.dir) };
    }
    if (command !== 'serve')
      throw new UsageError(`unknown command "${command}": expected "serve" or "create-plugin"`);
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    if (values.dir !== undefined) throw new UsageError('--dir is a create-plugin flag');
    for (const path of values.kubeconfig ?? []) nonEmpty('--kubeconfig', path);
    const inCluster = values['in-cluster'] ?? false;
    const config: ServeConfig = {
      kubeconfigs: values.kubeconfig ?? defaultKubeconfigs(env, inCluster),
      port: parsePort(values.port),
      host: nonEmpty('--host', values.host) ?? '127.0.0.1',
      plugins: nonEmpty('--plugins', values.plugins),
      dev: values.dev ?? false,
      bundleGroupHeader: parseHeaderName(values['bundle-group-header']),
      inCluster,
      serviceAccountDir:
        nonEmpty('--service-account-dir', values['service-account-dir']) ?? defaultServiceAccountDir,
      kubernetesService: kubernetesServiceOf(inCluster, env),
      insecureNoAuth: values['insecure-no-auth'] ?? false,
      shutdownGraceMs: parseDuration('--shutdown-grace', values['shutdown-grace'], 25_000),
      allowedOrigins: (values['allowed-origin'] ?? []).map(parseOrigin),
      oidcWriteBack: values['oidc-write-back'] ?? false,
      muxBatchMs: parseBatchMs(values['mux-batch-ms']),
      deadlines: parseDeadlines(values),
      pluginEnv: { ...env },
      ...parseAuthFlags(values),
    };
    if (config.authMode !== 'local' && config.bundleGroupHeader !== undefined)
      throw new UsageError(
        '--bundle-group-header is for local mode; with --auth the bundle comes from the logged-in groups',
      );
    return { kind: 'serve', config };
  } catch (err) {
    // parseArgs reports unknown flags and missing values as TypeErrors with a readable message.
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err)) {
      return { kind: 'error', message: err.message, text: usage };
    }
    throw err;
  }
}
