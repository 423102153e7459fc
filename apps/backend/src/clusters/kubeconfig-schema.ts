import { z } from 'zod';

// Lenient schemas of the kubeconfig parts Porthole uses: unknown fields are ignored (zod strips them),
// `null` means absent (kubectl writes `users: null`), and every message is a predicate about a field
// ("must be a string") that never repeats the value, which may be a credential.

/**
 * The message for a value that is not a string. kubectl reads YAML 1.1, where `y`, `yes`, `on`, `no`
 * and `off` are booleans, so `namespace: on` is not the string it looks like: say so.
 *
 * @example
 * z.string({ error: notAString }).safeParse(true); // message: 'must be a string (YAML reads ...'
 */
export function notAString(issue: { input?: unknown }): string {
  if (issue.input === undefined || issue.input === null) return 'is missing';
  if (typeof issue.input === 'boolean')
    return 'must be a string (YAML reads y, yes, on, n, no, off, true and false as booleans: quote it)';
  return 'must be a string';
}

const optionalString = z.string({ error: notAString }).nullish();
const requiredString = z.string({ error: notAString }).min(1, 'is missing');
const optionalBoolean = z.boolean({ error: 'must be true or false' }).nullish();

// Go's encoding/json (which kubectl uses for []byte fields) wants standard, padded base64; it skips
// line breaks.
const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const optionalBase64 = optionalString.refine(
  (value) => value === null || value === undefined || base64Pattern.test(value.replace(/[\r\n]/g, '')),
  'is not valid base64',
);

/** A kubeconfig `clusters[].cluster`. */
export const clusterSchema = z.object(
  {
    server: optionalString,
    'certificate-authority': optionalString,
    'certificate-authority-data': optionalBase64,
    'insecure-skip-tls-verify': optionalBoolean,
    'tls-server-name': optionalString,
    'proxy-url': optionalString,
  },
  { error: 'must be a mapping' },
);

const execSchema = z.object(
  {
    apiVersion: requiredString,
    command: requiredString,
    args: z.array(z.string({ error: notAString }), { error: 'must be a list' }).nullish(),
    env: z
      .array(
        z.object(
          { name: requiredString, value: z.string({ error: notAString }).nullish() },
          { error: 'must be a mapping with name and value' },
        ),
        { error: 'must be a list' },
      )
      .nullish(),
    installHint: optionalString,
    provideClusterInfo: optionalBoolean,
  },
  { error: 'must be a mapping' },
);

const authProviderSchema = z.object(
  {
    name: requiredString,
    config: z.record(z.string(), z.string({ error: notAString }), { error: 'must be a mapping' }).nullish(),
  },
  { error: 'must be a mapping' },
);

/** A kubeconfig `users[].user`. */
export const userSchema = z.object(
  {
    token: optionalString,
    tokenFile: optionalString,
    'client-certificate': optionalString,
    'client-certificate-data': optionalBase64,
    'client-key': optionalString,
    'client-key-data': optionalBase64,
    username: optionalString,
    password: optionalString,
    as: optionalString,
    'as-uid': optionalString,
    'as-groups': z.array(z.string({ error: notAString }), { error: 'must be a list' }).nullish(),
    'as-user-extra': z
      .record(z.string(), z.array(z.string({ error: notAString }), { error: 'must be a list' }), {
        error: 'must be a mapping',
      })
      .nullish(),
    exec: execSchema.nullish(),
    'auth-provider': authProviderSchema.nullish(),
  },
  { error: 'must be a mapping' },
);

/** A kubeconfig `contexts[].context`. */
export const contextSchema = z.object(
  {
    cluster: optionalString,
    user: optionalString,
    namespace: optionalString,
  },
  { error: 'must be a mapping' },
);

const entryList = z.array(z.unknown(), { error: 'must be a list' }).nullish();

/** The top level of a kubeconfig file; entries are checked one by one, so one bad entry spoils only itself. */
export const kubeconfigSchema = z.object(
  {
    'current-context': optionalString,
    clusters: entryList,
    users: entryList,
    contexts: entryList,
  },
  { error: 'expected a YAML mapping with clusters, users and contexts' },
);

/**
 * The first problem zod found, as `field.path message` (e.g. `exec.env[0].name is missing`).
 *
 * @example
 * const result = clusterSchema.safeParse(raw);
 * if (!result.success) describeIssue(result.error); // 'server must be a string'
 */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'is invalid';
  const path = issue.path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${String(part)}`))
    .join('');
  return path ? `${path} ${issue.message}` : issue.message;
}
