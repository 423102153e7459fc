import type { IncomingMessage } from 'node:http';
import { type ContextHealth, StatusError } from '@porthole/protocol';
import { describeUpstreamFailure } from '../proxy/upstream-error.ts';
import { requestUpstream, type UpstreamDeps } from '../proxy/upstream-request.ts';
import type { ResolvedContext } from './resolved-context.ts';

/**
 * What a probe needs: the proxy's way upstream (credentials, adapters, agents, and its `deadlines`, so a
 * stage that takes too long fails as it would through the proxy) and its time limit.
 */
export interface HealthProbeDeps extends Omit<UpstreamDeps, 'contexts'> {
  /** The whole probe's time limit (both calls, whatever the deadlines); default 5 s. */
  timeoutMs?: number;
}

const maxBodyBytes = 64 * 1024;

// An authenticated call every user may make: the API server answers 201 for any authenticated user, so
// a 401 means the credentials, a 403 an anonymous (or impersonation-refused) request.
const reviewBody = Buffer.from(
  JSON.stringify({
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: { resourceAttributes: { verb: 'get', resource: 'namespaces' } },
  }),
);

async function readBody(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) break;
    chunks.push(chunk as Buffer);
  }
  response.destroy();
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The cause of a failed call, in words; a time-out says after how long. */
function causeOf(err: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `timed out after ${timeoutMs} ms`;
  if (err instanceof StatusError) {
    const why = err.status.details?.causes?.find(
      (c) => c.reason === 'UpstreamUnreachable' || c.reason === 'UpstreamTimeout',
    )?.message;
    return why ?? err.message;
  }
  return describeUpstreamFailure(err);
}

/** The proxy's 502 (no connection, TLS refused, ...) or 504 (a deadline fired: connect, TLS, response, body). */
function isUnreachable(err: unknown): boolean {
  return err instanceof StatusError && (err.status.code === 502 || err.status.code === 504);
}

/** What a 401 means for this user: a renewable login (OIDC, exec) needs logging in again. */
function unauthorizedMessage(context: ResolvedContext, body: string): string {
  const message = parseJson(body)?.message;
  const said = typeof message === 'string' && message ? message : 'Unauthorized';
  const user = context.user?.config;
  if (user?.authProvider?.name === 'oidc') return `${said}: the OIDC login has expired; log in again`;
  if (user?.exec)
    return `${said}: the token from exec plugin "${user.exec.command}" was refused; log in again`;
  return `${said}: the API server refused the credentials`;
}

/**
 * Probes one context: `GET /version` (reachable, Kubernetes version, round-trip time), then a
 * SelfSubjectAccessReview through the context's credentials (ok, 401 with the reason, 403), each
 * within one time limit. Never throws, and never puts a credential in its answer: messages come from
 * the socket, the API server's Status or the credential provider's error.
 *
 * @example
 * const health = await probeContext({ credentials, adapterFor, agents, timeoutMs: 3000 }, context);
 * health.state; // 'ok' | 'unreachable' | 'unauthorized' | 'unusable'
 */
export async function probeContext(deps: HealthProbeDeps, context: ResolvedContext): Promise<ContextHealth> {
  const name = context.name;
  const timeoutMs = deps.timeoutMs ?? 5000;
  const done = (health: Omit<ContextHealth, 'name' | 'checkedAt'>): ContextHealth => ({
    name,
    ...health,
    checkedAt: new Date().toISOString(),
  });
  if (context.error) return done({ state: 'unusable', cause: context.error });
  if (!context.cluster) return done({ state: 'unusable', cause: 'the context names no cluster' });
  const signal = AbortSignal.timeout(timeoutMs);
  const call = (method: string, path: string, body?: Buffer) =>
    requestUpstream(deps, {
      context,
      target: { name, path, search: '' },
      method,
      headers: body
        ? { accept: 'application/json', 'content-type': 'application/json' }
        : { accept: 'application/json' },
      kind: 'http',
      body: body ? { kind: 'buffer', data: body } : { kind: 'none' },
      signal,
    });

  const started = performance.now();
  let version: string | undefined;
  let rttMs: number;
  try {
    const result = await call('GET', '/version');
    if (result.kind !== 'response') throw new Error('unexpected upgrade');
    const text = await readBody(result.response);
    rttMs = Math.round(performance.now() - started);
    const status = result.response.statusCode ?? 0;
    if (status === 401)
      return done({
        state: 'unauthorized',
        reachable: true,
        credentials: 'unauthorized',
        credentialsMessage: unauthorizedMessage(context, text),
        rttMs,
      });
    const git = parseJson(text)?.gitVersion;
    if (typeof git === 'string') version = git;
  } catch (err) {
    if (isUnreachable(err) || signal.aborted)
      return done({ state: 'unreachable', reachable: false, cause: causeOf(err, signal, timeoutMs) });
    // The credentials could not be had (exec plugin failed, OIDC refresh refused, ...).
    return done({
      state: 'unauthorized',
      credentials: 'failed',
      credentialsMessage: causeOf(err, signal, timeoutMs),
    });
  }

  try {
    const result = await call('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', reviewBody);
    if (result.kind !== 'response') throw new Error('unexpected upgrade');
    const text = await readBody(result.response);
    const status = result.response.statusCode ?? 0;
    const base = { reachable: true, rttMs, ...(version ? { version } : {}) };
    if (status === 401)
      return done({
        ...base,
        state: 'unauthorized',
        credentials: 'unauthorized',
        credentialsMessage: unauthorizedMessage(context, text),
      });
    if (status === 403) {
      const message = parseJson(text)?.message;
      return done({
        ...base,
        state: 'ok',
        credentials: 'forbidden',
        credentialsMessage: typeof message === 'string' ? message : 'Forbidden',
      });
    }
    if (status >= 200 && status < 300) return done({ ...base, state: 'ok', credentials: 'ok' });
    return done({ ...base, state: 'ok', cause: `the access review answered ${status}` });
  } catch (err) {
    return done({ state: 'unreachable', reachable: false, cause: causeOf(err, signal, timeoutMs) });
  }
}
