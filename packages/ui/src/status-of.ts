import type { Status } from '@porthole/protocol';

/** What {@link ErrorState} shows: a Kubernetes `Status`, or an error, or a message. */
export type ErrorLike = Status | Error | string | { status: Status } | unknown;

/**
 * The `Status` in a failure, whatever shape it came in: a `Status`, something carrying one (the SDK's
 * `StatusError`), an `Error` or a string (as the message of a 500-like Status).
 *
 * @example
 * statusOf(new Error('boom')).message; // 'boom'
 */
export function statusOf(error: ErrorLike): Pick<Status, 'message' | 'reason' | 'code' | 'details'> {
  const isStatusShape = (value: unknown): value is Status =>
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Status';
  if (isStatusShape(error)) return error;
  const carried = (error as { status?: unknown } | null)?.status;
  if (isStatusShape(carried)) return carried;
  if (error instanceof Error) return { message: error.message, code: 500 };
  return { message: typeof error === 'string' ? error : String(error), code: 500 };
}
