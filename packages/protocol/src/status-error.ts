import { isStatus, type Status, type StatusCause } from './status.ts';

/**
 * The reasons Porthole raises, as in apimachinery's `metav1.StatusReason`. A Status from an API server
 * may carry any other reason and still passes through untouched.
 */
export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Invalid'
  | 'MethodNotAllowed'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'Timeout';

/** A group and resource (`{ group: 'batch', resource: 'cronjobs' }`), or a kind for {@link StatusError.invalid}. */
export interface GroupResource {
  group?: string;
  resource: string;
}

interface FailureOptions {
  code: number;
  reason: StatusReason;
  message: string;
  details?: Status['details'];
}

function failure({ code, reason, message, details }: FailureOptions): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    code,
    reason,
    message,
    ...(details ? { details } : {}),
  };
}

/** `cronjobs.batch` or `pods`, like apimachinery's `GroupResource.String()`. */
function qualified({ group, resource }: GroupResource): string {
  return group ? `${resource}.${group}` : resource;
}

function detailsOf(target: GroupResource | undefined, name: string | undefined): Status['details'] {
  return {
    ...(target?.group ? { group: target.group } : {}),
    ...(target ? { kind: target.resource } : {}),
    ...(name ? { name } : {}),
  };
}

/**
 * An error carrying the Kubernetes `Status` it turns into on the wire. Build one with the static
 * constructors, which mirror apimachinery's `pkg/api/errors/errors.go`; test one with the guards
 * (`isNotFound`, `isConflict`, ...), which also accept a plain `Status` body.
 *
 * @example
 * throw StatusError.notFound({ resource: 'clusters' }, 'prod');
 * // -> 404 { kind: 'Status', reason: 'NotFound', message: 'clusters "prod" not found', ... }
 */
export class StatusError extends Error {
  /** The Status this error is sent as. */
  readonly status: Status;

  constructor(status: Status, options?: ErrorOptions) {
    super(status.message ?? status.reason ?? `request failed with status ${status.code}`, options);
    this.name = 'StatusError';
    this.status = status;
  }

  /** The HTTP status code. */
  get code(): number {
    return this.status.code;
  }

  /** 400: the request itself is malformed. */
  static badRequest(message: string): StatusError {
    return new StatusError(failure({ code: 400, reason: 'BadRequest', message }));
  }

  /** 401: the request carries no valid credentials. */
  static unauthorized(message = 'not authorized'): StatusError {
    return new StatusError(failure({ code: 401, reason: 'Unauthorized', message }));
  }

  /** 403: the caller may not do this. */
  static forbidden(target: GroupResource | undefined, name: string | undefined, why: string): StatusError {
    let message = `forbidden: ${why}`;
    if (target && name) message = `${qualified(target)} "${name}" is forbidden: ${why}`;
    else if (target) message = `${qualified(target)} is forbidden: ${why}`;
    return new StatusError(
      failure({ code: 403, reason: 'Forbidden', message, details: detailsOf(target, name) }),
    );
  }

  /** 404: the named object does not exist. */
  static notFound(target: GroupResource, name: string): StatusError {
    const message = `${qualified(target)} "${name}" not found`;
    return new StatusError(
      failure({ code: 404, reason: 'NotFound', message, details: detailsOf(target, name) }),
    );
  }

  /** 409: an object of that name already exists. */
  static alreadyExists(target: GroupResource, name: string): StatusError {
    const message = `${qualified(target)} "${name}" already exists`;
    return new StatusError(
      failure({ code: 409, reason: 'AlreadyExists', message, details: detailsOf(target, name) }),
    );
  }

  /** 409: the write raced another one (stale resourceVersion). */
  static conflict(target: GroupResource, name: string, why: string): StatusError {
    const message = `Operation cannot be fulfilled on ${qualified(target)} "${name}": ${why}`;
    return new StatusError(
      failure({ code: 409, reason: 'Conflict', message, details: detailsOf(target, name) }),
    );
  }

  /** 410: the requested resourceVersion is too old. */
  static gone(message: string): StatusError {
    return new StatusError(failure({ code: 410, reason: 'Gone', message }));
  }

  /** 422: the object failed validation; each problem is one cause with its `field`. */
  static invalid(kind: GroupResource, name: string, causes: StatusCause[]): StatusError {
    const summary = causes.map((c) =>
      c.field ? `${c.field}: ${c.message ?? 'invalid'}` : (c.message ?? 'invalid'),
    );
    const list = summary.length === 1 ? summary[0] : `[${summary.join(', ')}]`;
    const message = `${qualified(kind)} "${name}" is invalid: ${list}`;
    const details = { ...detailsOf(kind, name), causes };
    return new StatusError(failure({ code: 422, reason: 'Invalid', message, details }));
  }

  /** 405: the verb is not supported on this kind of resource. */
  static methodNotSupported(target: GroupResource, action: string): StatusError {
    const message = `${action} is not supported on resources of kind "${qualified(target)}"`;
    return new StatusError(
      failure({ code: 405, reason: 'MethodNotAllowed', message, details: detailsOf(target, undefined) }),
    );
  }

  /** 500: something failed on our side; `cause` is kept for the log, only its message goes on the wire. */
  static internal(cause: unknown): StatusError {
    const why = cause instanceof Error ? cause.message : String(cause);
    const status = failure({
      code: 500,
      reason: 'InternalError',
      message: `Internal error occurred: ${why}`,
      details: { causes: [{ message: why }] },
    });
    return new StatusError(status, { cause });
  }

  /** 503: a dependency (e.g. an upstream cluster) cannot be reached right now. */
  static serviceUnavailable(message: string): StatusError {
    return new StatusError(failure({ code: 503, reason: 'ServiceUnavailable', message }));
  }

  /** 504: the request did not finish in time. */
  static timeout(message: string): StatusError {
    return new StatusError(failure({ code: 504, reason: 'Timeout', message }));
  }
}

/** True when `value` is a {@link StatusError}. */
export function isStatusError(value: unknown): value is StatusError {
  return value instanceof StatusError;
}

/** The Status in a StatusError or a Status body, else undefined. */
function statusOf(value: unknown): Status | undefined {
  if (value instanceof StatusError) return value.status;
  return isStatus(value) ? value : undefined;
}

const codeOfReason: Record<StatusReason, number> = {
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Gone: 410,
  Invalid: 422,
  MethodNotAllowed: 405,
  TooManyRequests: 429,
  InternalError: 500,
  ServiceUnavailable: 503,
  Timeout: 504,
};

function isKnownReason(reason: string | undefined): reason is StatusReason {
  return reason !== undefined && Object.hasOwn(codeOfReason, reason);
}

/**
 * The reason of a StatusError or Status body. Like apimachinery's `ReasonForError`, a Status with an
 * unknown or empty reason is judged by its code, so `isNotFound` holds for any 404.
 */
function hasReason(value: unknown, reason: StatusReason): boolean {
  const status = statusOf(value);
  if (!status) return false;
  if (status.reason === reason) return true;
  // 409 is ambiguous (Conflict or AlreadyExists), so only Conflict claims an unexplained 409.
  if (isKnownReason(status.reason) || (reason === 'AlreadyExists' && status.code === 409)) return false;
  return codeOfReason[reason] === status.code;
}

/** True for a 400 BadRequest StatusError or Status body. */
export const isBadRequest = (value: unknown): boolean => hasReason(value, 'BadRequest');
/** True for a 401 Unauthorized StatusError or Status body. */
export const isUnauthorized = (value: unknown): boolean => hasReason(value, 'Unauthorized');
/** True for a 403 Forbidden StatusError or Status body. */
export const isForbidden = (value: unknown): boolean => hasReason(value, 'Forbidden');
/**
 * True for a 404 NotFound StatusError or Status body.
 *
 * @example
 * if (isNotFound(err)) return undefined;
 */
export const isNotFound = (value: unknown): boolean => hasReason(value, 'NotFound');
/** True for a 409 AlreadyExists StatusError or Status body. */
export const isAlreadyExists = (value: unknown): boolean => hasReason(value, 'AlreadyExists');
/** True for a 409 Conflict StatusError or Status body (a stale resourceVersion). */
export const isConflict = (value: unknown): boolean => hasReason(value, 'Conflict');
/** True for a 410 Gone StatusError or Status body (relist needed). */
export const isGone = (value: unknown): boolean => hasReason(value, 'Gone');
/** True for a 422 Invalid StatusError or Status body. */
export const isInvalid = (value: unknown): boolean => hasReason(value, 'Invalid');
/** True for a 405 MethodNotAllowed StatusError or Status body. */
export const isMethodNotSupported = (value: unknown): boolean => hasReason(value, 'MethodNotAllowed');
/** True for a 500 InternalError StatusError or Status body. */
export const isInternalError = (value: unknown): boolean => hasReason(value, 'InternalError');
/** True for a 503 ServiceUnavailable StatusError or Status body. */
export const isServiceUnavailable = (value: unknown): boolean => hasReason(value, 'ServiceUnavailable');
/** True for a 504 Timeout StatusError or Status body. */
export const isTimeout = (value: unknown): boolean => hasReason(value, 'Timeout');
