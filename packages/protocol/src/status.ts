import { z } from 'zod/mini';

/** One reason a request failed, as in apimachinery's `metav1.StatusCause`. */
export const statusCauseSchema = z.object({
  reason: z.optional(z.string()),
  message: z.optional(z.string()),
  field: z.optional(z.string()),
});
export type StatusCause = z.infer<typeof statusCauseSchema>;

/**
 * A Kubernetes `Status` object: the one shape every Porthole error takes on the wire.
 *
 * @example
 * const body: Status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404,
 *   reason: 'NotFound', message: 'cluster "prod" not found', metadata: {} };
 */
export const statusSchema = z.object({
  kind: z.literal('Status'),
  apiVersion: z.literal('v1'),
  metadata: z.looseObject({}),
  status: z.enum(['Success', 'Failure']),
  message: z.optional(z.string()),
  reason: z.optional(z.string()),
  code: z.int(),
  details: z.optional(
    z.object({
      name: z.optional(z.string()),
      group: z.optional(z.string()),
      kind: z.optional(z.string()),
      causes: z.optional(z.array(statusCauseSchema)),
    }),
  ),
});
export type Status = z.infer<typeof statusSchema>;

/** True when `value` has the shape of a Kubernetes `Status`. */
export function isStatus(value: unknown): value is Status {
  return statusSchema.safeParse(value).success;
}

/** A problem a schema found, as zod reports it. */
export interface SchemaIssue {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * A schema issue's path as a field name: `bundles.payments[1]`, `links[0].url`; `''` for the root.
 *
 * @example
 * fieldPath(['links', 0, 'url']); // 'links[0].url'
 */
export function fieldPath(path: readonly PropertyKey[]): string {
  let field = '';
  for (const key of path) {
    if (typeof key === 'number') field += `[${key}]`;
    else field += field === '' ? String(key) : `.${String(key)}`;
  }
  return field;
}

/**
 * The problems a schema found as Status causes: `field` is the dotted path (`bundles.payments.1`),
 * absent for the value as a whole.
 *
 * @example
 * const parsed = schema.safeParse(value);
 * if (!parsed.success) throw StatusError.invalid(kind, name, causesOfIssues(parsed.error.issues));
 */
export function causesOfIssues(issues: readonly SchemaIssue[]): StatusCause[] {
  return issues.map((issue) =>
    issue.path.length > 0
      ? { field: issue.path.map(String).join('.'), message: issue.message }
      : { message: issue.message },
  );
}

/**
 * The problems a schema found in one line: `field: message; ...`.
 *
 * @example
 * describeIssues(parsed.error.issues); // 'cols: Too big: expected number to be <=10000'
 */
export function describeIssues(issues: readonly SchemaIssue[]): string {
  return causesOfIssues(issues)
    .map((cause) => (cause.field ? `${cause.field}: ${cause.message}` : cause.message))
    .join('; ');
}
