import { type Status, StatusError } from '@porthole/protocol';
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';

/** Where the server writes what it must not send to the browser (stacks, causes). */
export type Log = (message: string) => void;

const reasonOfCode: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** Hono's own HTTP errors (e.g. a body it could not parse) as a Status with the same code. */
function statusOfHttpException(err: HTTPException): Status {
  const reason = reasonOfCode[err.status];
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    code: err.status,
    message: err.message || `request failed with status ${err.status}`,
    ...(reason ? { reason } : {}),
  };
}

function sendStatus(c: Context, status: Status): Response {
  return c.json(status, status.code as 400);
}

/**
 * The one error handler: a StatusError is sent as its Status, a Hono HTTPException keeps its code,
 * anything else becomes a 500 InternalError Status whose stack goes only to `log`.
 *
 * @example
 * app.onError(createErrorHandler(console.error));
 */
export function createErrorHandler(log: Log): ErrorHandler {
  return (err, c) => {
    if (err instanceof StatusError) return sendStatus(c, err.status);
    if (err instanceof HTTPException) return sendStatus(c, statusOfHttpException(err));
    log(`porthole: ${c.req.method} ${c.req.path} failed: ${err.stack ?? err.message}`);
    return sendStatus(c, StatusError.internal(err).status);
  };
}

/**
 * Anything no route answers: a 404 NotFound Status naming the path.
 *
 * @example
 * app.notFound(notFoundHandler);
 */
export const notFoundHandler: NotFoundHandler = (c) => {
  const status = StatusError.notFound({ resource: 'paths' }, c.req.path).status;
  return sendStatus(c, {
    ...status,
    message: `the server could not find the requested resource: ${c.req.path}`,
  });
};
