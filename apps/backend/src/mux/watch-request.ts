import type { IncomingMessage } from 'node:http';
import type { ResolvedContext } from '../clusters/resolved-context.ts';
import { requestUpstream, type UpstreamDeps } from '../proxy/upstream-request.ts';

/** What an upstream watch lists and watches: one resource, optionally narrowed. */
export interface UpstreamWatchTarget {
  /** `''` for the core group. */
  group: string;
  version: string;
  resource: string;
  namespace?: string | undefined;
  /** One object: sent as `fieldSelector=metadata.name=<name>`. */
  name?: string | undefined;
  labelSelector?: string | undefined;
  fieldSelector?: string | undefined;
}

/** A failure the API server (or the connection) reported, as the `error` update carries it. */
export interface UpstreamFailure {
  code: number;
  reason: string;
  message: string;
  /** Seconds from `Retry-After` (429, 503). */
  retryAfterSeconds?: number | undefined;
}

/**
 * The collection URL path (without the server's own path prefix) and query of a LIST or WATCH.
 *
 * @example
 * collectionPath({ group: '', version: 'v1', resource: 'pods', namespace: 'demo' }, { limit: '500' });
 * // '/api/v1/namespaces/demo/pods?limit=500'
 */
export function collectionPath(target: UpstreamWatchTarget, params: Record<string, string>): string {
  const root =
    target.group === '' ? `/api/${enc(target.version)}` : `/apis/${enc(target.group)}/${enc(target.version)}`;
  const scope = target.namespace ? `/namespaces/${enc(target.namespace)}` : '';
  const query = new URLSearchParams();
  if (target.labelSelector) query.set('labelSelector', target.labelSelector);
  const fields = [target.name ? `metadata.name=${target.name}` : undefined, target.fieldSelector].filter(
    Boolean,
  );
  if (fields.length > 0) query.set('fieldSelector', fields.join(','));
  for (const [key, value] of Object.entries(params)) query.set(key, value);
  const text = query.toString();
  return `${root}${scope}/${enc(target.resource)}${text ? `?${text}` : ''}`;
}

/**
 * The path of one pod, or of one of its subresources.
 *
 * @example
 * podPath('demo', 'web-0', 'log'); // '/api/v1/namespaces/demo/pods/web-0/log'
 */
export function podPath(namespace: string, pod: string, subresource?: 'log' | 'exec'): string {
  const path = `/api/v1/namespaces/${enc(namespace)}/pods/${enc(pod)}`;
  return subresource ? `${path}/${subresource}` : path;
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

/** How requests reach the cluster of one upstream watch: the proxy's own upstream path. */
export interface WatchTransport extends Omit<UpstreamDeps, 'contexts'> {
  context: ResolvedContext;
}

/**
 * Sends a GET to the context's server through the proxy's {@link requestUpstream} (credentials,
 * distribution adapter, deadlines: connect, TLS handshake, response, and body limits unless it is a
 * watch or follow; one retry after a 401 with renewable credentials); resolves with the response of any
 * status. Rejects with an {@link UpstreamFailure} when the credentials or the connection fail (a fired
 * deadline keeps its 504 and message).
 */
export async function openGet(
  transport: WatchTransport,
  path: string,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const { context } = transport;
  const query = path.indexOf('?');
  const target = {
    name: context.name,
    path: query < 0 ? path : path.slice(0, query),
    search: query < 0 ? '' : path.slice(query),
  };
  let result: Awaited<ReturnType<typeof requestUpstream>>;
  try {
    result = await requestUpstream(transport, {
      context,
      target,
      method: 'GET',
      headers: { accept: 'application/json' },
      kind: 'http',
      body: { kind: 'none' },
      signal,
    });
  } catch (err) {
    throw failureOf(err, 503, 'ServiceUnavailable');
  }
  if (result.kind === 'upgrade') {
    result.socket.destroy();
    throw {
      code: 502,
      reason: 'BadGateway',
      message: 'the cluster switched protocols on a GET',
    } satisfies UpstreamFailure;
  }
  return result.response;
}

/** Reads a whole response body as text. */
export async function readBody(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The failure described by a non-2xx response (its Status body when there is one). */
export function responseFailure(
  response: Pick<IncomingMessage, 'statusCode' | 'statusMessage' | 'headers'>,
  body: string,
): UpstreamFailure {
  const code = response.statusCode ?? 500;
  const retryAfter = Number(response.headers['retry-after']);
  const status = statusOf(body);
  return {
    code: typeof status?.code === 'number' ? status.code : code,
    reason: typeof status?.reason === 'string' ? status.reason : (response.statusMessage ?? 'Unknown'),
    message: typeof status?.message === 'string' ? status.message : body.slice(0, 1000),
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  };
}

/** A parsed `Status` object, or undefined. */
export function statusOf(value: unknown): Record<string, unknown> | undefined {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (parsed && typeof parsed === 'object' && (parsed as { kind?: unknown }).kind === 'Status') {
    return parsed as Record<string, unknown>;
  }
  return undefined;
}

/** An {@link UpstreamFailure} for a thrown error; a `StatusError` keeps its code, reason and message. */
export function failureOf(err: unknown, code: number, reason: string): UpstreamFailure {
  const status = (err as { status?: { code?: unknown; reason?: unknown; message?: unknown } } | undefined)
    ?.status;
  if (status && typeof status === 'object' && typeof status.code === 'number') {
    return {
      code: status.code,
      reason: String(status.reason ?? reason),
      message: String(status.message ?? ''),
    };
  }
  return { code, reason, message: err instanceof Error ? err.message : String(err) };
}

/** True for a thrown {@link UpstreamFailure}. */
export function isUpstreamFailure(value: unknown): value is UpstreamFailure {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as UpstreamFailure).code === 'number' &&
    typeof (value as UpstreamFailure).reason === 'string'
  );
}

/**
 * Splits a stream of newline-delimited JSON into parsed values, one array per chunk.
 *
 * @example
 * const split = createLineSplitter();
 * split('{"a":1}\n{"b"'); // [{ a: 1 }]
 */
export function createLineSplitter(): (chunk: string) => unknown[] {
  let rest = '';
  return (chunk) => {
    rest += chunk;
    const lines = rest.split('\n');
    rest = lines.pop() ?? '';
    const values: unknown[] = [];
    for (const line of lines) if (line.trim() !== '') values.push(JSON.parse(line));
    return values;
  };
}

/** The backoff of upstream watches and log streams unless a test sets its own. */
export const defaultUpstreamBackoff = { initialMs: 500, maxMs: 30_000 };

/** Codes after which retrying an upstream request can't help: the subscription is over. */
export const fatalUpstreamCodes: ReadonlySet<number> = new Set([400, 401, 403, 404, 405, 406, 422]);

/** Exponential backoff with jitter: `attempt` 0 waits about `initialMs`, capped at `maxMs`. */
export function backoffDelay(attempt: number, backoff: { initialMs: number; maxMs: number }): number {
  const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(base / 2 + (Math.random() * base) / 2);
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    if (signal.aborted) done();
    else signal.addEventListener('abort', done);
  });
}
