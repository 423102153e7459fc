import { z } from 'zod/mini';

/**
 * A problem with one entry of a kubeconfig file that does not spoil the file: a context naming a
 * cluster or user defined in no file, a malformed entry, or a name another file defined first (kubectl
 * keeps the first; `winner` names that file).
 */
export const kubeconfigEntryProblemSchema = z.object({
  entry: z.enum(['context', 'cluster', 'user']),
  name: z.string(),
  kind: z.enum(['undefined-cluster', 'undefined-user', 'malformed', 'duplicate']),
  message: z.string(),
  /** For `duplicate`: the file whose entry of that name is used. */
  winner: z.optional(z.string()),
});
export type KubeconfigEntryProblem = z.infer<typeof kubeconfigEntryProblemSchema>;

/**
 * One file of the kubeconfig list (`GET /api/clusters/files`, the multiplexer's `kubeconfig-files`
 * subscription): `ok`, `missing` (normal, as in kubectl: a note), `unreadable`, or `invalid` (with the
 * line and column of a YAML error when there is one). A broken file that had contents keeps serving
 * them (`keptLastGood`). Never carries file contents.
 *
 * @example
 * const f: KubeconfigFileState = { path: '/home/me/.kube/config', state: 'ok', order: 0,
 *   contexts: ['admin@prod'], keptLastGood: false, problems: [] };
 */
export const kubeconfigFileStateSchema = z.object({
  path: z.string().check(z.minLength(1)),
  /** Position in the merge order (0 = first, wins every duplicate). */
  order: z.int().check(z.nonnegative()),
  state: z.enum(['ok', 'missing', 'unreadable', 'invalid']),
  /** Why the file is not `ok`, in words. */
  message: z.optional(z.string()),
  line: z.optional(z.int().check(z.positive())),
  column: z.optional(z.int().check(z.positive())),
  /** True when the file is broken now and its last good contexts are still served. */
  keptLastGood: z.boolean(),
  /** Names of the contexts the file defines (or defined, when `keptLastGood`). */
  contexts: z.array(z.string()),
  currentContext: z.optional(z.string()),
  problems: z.array(kubeconfigEntryProblemSchema),
});
export type KubeconfigFileState = z.infer<typeof kubeconfigFileStateSchema>;

export const kubeconfigFileListSchema = z.array(kubeconfigFileStateSchema);

/**
 * What a health probe of one context found (`GET /api/clusters/health`, the multiplexer's `health`
 * subscription). `reachable`: the API server answered `/version` (`cause` says why not: refused, TLS,
 * DNS, timeout). `credentials`: an authenticated call through the context's credentials was accepted
 * (`ok`), refused (`unauthorized`, 401, `forbidden`, 403) or the credentials could not be had
 * (`failed`: exec plugin, OIDC login). Never carries a credential.
 *
 * @example
 * const h: ContextHealth = { name: 'prod', state: 'ok', reachable: true, version: 'v1.20.2',
 *   credentials: 'ok', rttMs: 12, checkedAt: '2026-01-01T00:00:00Z' };
 */
export const contextHealthSchema = z.object({
  name: z.string().check(z.minLength(1)),
  /** `checking` until the first answer; then `ok`, `unreachable`, `unauthorized` or `unusable`. */
  state: z.enum(['checking', 'ok', 'unreachable', 'unauthorized', 'unusable']),
  reachable: z.optional(z.boolean()),
  /** Why the server could not be reached or the context can't be used. */
  cause: z.optional(z.string()),
  /** `gitVersion` of `/version`. */
  version: z.optional(z.string()),
  credentials: z.optional(z.enum(['ok', 'unauthorized', 'forbidden', 'failed'])),
  /** Why the credentials were refused or could not be had ("log in again", an exec plugin's error). */
  credentialsMessage: z.optional(z.string()),
  /** Round-trip time of `/version`, in milliseconds. */
  rttMs: z.optional(z.number().check(z.nonnegative())),
  /** ISO time of the last answer. */
  checkedAt: z.optional(z.string()),
});
export type ContextHealth = z.infer<typeof contextHealthSchema>;

export const contextHealthListSchema = z.array(contextHealthSchema);

/** `POST /api/clusters/health/check`: probe these contexts again now (all when `names` is absent). */
export const healthCheckRequestSchema = z.object({
  names: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(1024))).check(z.maxLength(10_000))),
});
export type HealthCheckRequest = z.infer<typeof healthCheckRequestSchema>;
