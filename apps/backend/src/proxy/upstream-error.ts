import { StatusError } from '@porthole/protocol';
import { UpstreamDeadlineError } from './upstream-deadlines.ts';

/** Error codes Node gives to a refused TLS certificate (OpenSSL's names, and Node's own). */
const certificateCodes = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/** The cause of a failed upstream connection in words a user can act on. */
export function describeUpstreamFailure(err: unknown): string {
  const { code, message } = err as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(err);
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return `DNS lookup failed (${text})`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'timed out connecting';
    case 'ECONNRESET':
      return 'connection reset by the server';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `host unreachable (${text})`;
    case 'EPROTO':
      return `TLS handshake failed (${text})`;
  }
  if (typeof code === 'string' && (certificateCodes.has(code) || code.startsWith('ERR_SSL_'))) {
    return `TLS certificate problem: ${text}`;
  }
  if (typeof code === 'string' && code.startsWith('ERR_PROXY')) return `proxy-url failed: ${text}`;
  return text;
}

/** The Status of an upstream failure: `message` for the user, `why` as its one cause. */
function upstreamStatus(
  code: 502 | 504,
  target: { kind: string; name: string },
  message: string,
  cause: { reason: string; message: string; field?: string },
): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    code,
    reason: code === 504 ? 'Timeout' : 'ServiceUnavailable',
    message,
    details: { ...target, causes: [cause] },
  });
}

/**
 * A 502 Status for an upstream the backend could not get an answer from (a cluster, a plugin server):
 * `message` for the user, `why` as its `UpstreamUnreachable` cause.
 *
 * @example
 * throw badGateway({ kind: 'plugins', name: 'billing' }, 'plugin "billing": its server is down', 'connection refused');
 */
export function badGateway(
  target: { kind: string; name: string },
  message: string,
  why: string,
): StatusError {
  return upstreamStatus(502, target, message, { reason: 'UpstreamUnreachable', message: why });
}

/**
 * A 504 Status for an upstream that did not answer in time: `message` for the user, the stage whose
 * deadline fired (`connect`, `TLS handshake`, `response`, ...) as the `field` of its `UpstreamTimeout`
 * cause, `why` as that cause's message.
 *
 * @example
 * throw gatewayTimeout({ kind: 'clusters', name: 'prod' }, 'cluster "prod" is not answering', 'TLS handshake', 'no TLS handshake after 10 s');
 */
export function gatewayTimeout(
  target: { kind: string; name: string },
  message: string,
  stage: string,
  why: string,
): StatusError {
  return upstreamStatus(504, target, message, { reason: 'UpstreamTimeout', field: stage, message: why });
}

/**
 * The Status for a cluster whose answer did not come: a fired deadline is a 504 naming the context,
 * its server, the stage and the seconds waited; any other failure a 502 naming the cause (connection
 * refused, TLS certificate problem, DNS lookup failed, ...). Server URLs are not secret
 * (`/api/clusters` lists them); the cause comes from the socket, never from credentials.
 *
 * @example
 * req.on('error', (err) => fail(unreachableCluster('prod', 'https://10.0.0.1:6443', err)));
 */
export function unreachableCluster(context: string, server: string, err: unknown): StatusError {
  const target = { kind: 'clusters', name: context };
  if (err instanceof UpstreamDeadlineError) {
    const answering =
      err.stage === 'body' || err.stage === 'body idle' ? 'stopped answering' : 'is not answering';
    const message = `cluster "${context}" (${server}) ${answering}: ${err.message}`;
    return gatewayTimeout(target, message, err.stage, err.message);
  }
  const why = describeUpstreamFailure(err);
  const message = `cluster "${context}" (${server}) is unreachable: ${why}`;
  return badGateway(target, message, why);
}
