import { z } from 'zod';

/** One reason a request failed, as in apimachinery's `metav1.StatusCause`. */
export const statusCauseSchema = z.object({
  reason: z.string().optional(),
  message: z.string().optional(),
  field: z.string().optional(),
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
  message: z.string().optional(),
  reason: z.string().optional(),
  code: z.number().int(),
  details: z
    .object({
      name: z.string().optional(),
      group: z.string().optional(),
      kind: z.string().optional(),
      causes: z.array(statusCauseSchema).optional(),
    })
    .optional(),
});
export type Status = z.infer<typeof statusSchema>;

/** True when `value` has the shape of a Kubernetes `Status`. */
export function isStatus(value: unknown): value is Status {
  return statusSchema.safeParse(value).success;
}
