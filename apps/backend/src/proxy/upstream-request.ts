import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Duplex, Readable } from 'node:stream';
import { type Distribution, StatusError } from '@porthole/protocol';
import type { DistributionAdapter, UpstreamRequestKind } from '../auth/distribution-adapter.ts';
import type { PrincipalCredentials } from '../auth/principal-credentials.ts';
import type { CredentialProvider, HeaderValues, UpstreamCredentials } from '../auth/upstream-credentials.ts';
import type { ResolvedContext } from '../clusters/resolved-context.ts';
import type { Principal } from '../session/principal.ts';
import type { AgentPool } from './agent-pool.ts';
import { type ClusterPath, upstreamPath } from './cluster-path.ts';
import {
  armBodyDeadlines,
  armRequestDeadlines,
  defaultUpstreamDeadlines,
  isLongLivedRequest,
  type UpstreamDeadlines,
} from './upstream-deadlines.ts';
import { unreachableCluster } from './upstream-error.ts';

/** What the proxy needs to reach a cluster: where contexts come from, their credentials and adapters. */
export interface UpstreamDeps {
  contexts: { get(name: string): ResolvedContext | undefined };
  credentials: CredentialProvider;
  adapterFor: (distribution: Distribution) => DistributionAdapter;
  agents: AgentPool;
  /** Deadlines of each stage of an upstream call; each missing one is its default. */
  deadlines?: Partial<UpstreamDeadlines> | undefined;
  /** Credentials per person (login modes); without it only local mode's principal can be served. */
  people?: PrincipalCredentials | undefined;
}

/**
 * `deps` acting as `principal`: its `credentials` become the principal's (see
 * {@link PrincipalCredentials}). Local mode's principal gets `deps` unchanged. Throws a 500 Status when
 * a person's principal arrives but `deps` has no `people` to serve it with: never the kubeconfig's
 * credentials by mistake.
 *
 * @example
 * await requestUpstream(actingAs(deps, principal), options);
 */
export function actingAs<T extends Pick<UpstreamDeps, 'credentials' | 'people'>>(
  deps: T,
  principal: Principal,
): T {
  if (principal.upstream.kind === 'kubeconfig') return deps;
  if (!deps.people) throw StatusError.internal(new Error('no per-person credentials are configured'));
  return { ...deps, credentials: deps.people.forPrincipal(principal) };
}

/** A request body: none, small and held in memory (so a 401 can be retried), or streamed through once. */
export type UpstreamBody =
  | { kind: 'none' }
  | { kind: 'buffer'; data: Buffer }
  | { kind: 'stream'; stream: Readable };

/** One request to send upstream (headers already stripped of the browser's, see upstream-headers.ts). */
export interface UpstreamRequestOptions {
  context: ResolvedContext;
  target: ClusterPath;
  method: string;
  headers: Record<string, string>;
  kind: UpstreamRequestKind;
  body: UpstreamBody;
  /** Aborts the upstream request (the client went away). */
  signal?: AbortSignal | undefined;
}

/** The upstream's answer: a response (any status), or for an upgrade its 101 and the raw socket. */
export type UpstreamResult =
  | { kind: 'response'; response: IncomingMessage; request: ClientRequest }
  | { kind: 'upgrade'; response: IncomingMessage; socket: Duplex; head: Buffer };

/**
 * The context called `name`, usable for proxying: 404 when there is none, 400 when the kubeconfig
 * leaves it unusable (its cluster or user undefined, ...).
 *
 * @example
 * const context = usableContext(registry, 'prod');
 */
export function usableContext(
  contexts: { get(name: string): ResolvedContext | undefined },
  name: string,
): ResolvedContext {
  const context = contexts.get(name);
  if (!context) throw StatusError.notFound({ resource: 'cluster' }, name);
  if (context.error) throw StatusError.badRequest(`context "${name}" cannot be used: ${context.error}`);
  if (!context.cluster) throw StatusError.badRequest(`context "${name}" cannot be used: it names no cluster`);
  return context;
}

function serverUrlOf(context: ResolvedContext): URL {
  const server = context.cluster?.config.server ?? '';
  try {
    const url = new URL(server);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url;
  } catch {}
  throw StatusError.badRequest(
    `context "${context.name}": cluster server ${JSON.stringify(server)} is not an http(s) URL`,
  );
}

function lowerCaseKeys(headers: HeaderValues): HeaderValues {
  const out: HeaderValues = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}

/** A connection error, and whether it hit a kept-alive connection the server may just have closed. */
interface SendFailure {
  kind: 'failed';
  error: unknown;
  reusedSocket: boolean;
}

/** Sends one attempt; resolves with the response, the upgrade, or the connection error. */
function send(
  server: URL,
  options: UpstreamRequestOptions,
  headers: HeaderValues,
  agent: ReturnType<AgentPool['agentFor']>,
  deadlines: UpstreamDeadlines,
): Promise<UpstreamResult | SendFailure> {
  const request = server.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve) => {
    const req = request({
      protocol: server.protocol,
      hostname: server.hostname.replace(/^\[|\]$/g, ''),
      port: server.port || (server.protocol === 'http:' ? 80 : 443),
      method: options.method,
      path: upstreamPath(server, options.target),
      headers,
      agent,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    // After the answer, errors surface on the response stream (resolving again is a no-op).
    req.on('error', (error) => resolve({ kind: 'failed', error, reusedSocket: req.reusedSocket }));
    armRequestDeadlines(req, deadlines);
    req.on('response', (response) => resolve({ kind: 'response', response, request: req }));
    req.on('upgrade', (response, socket, head) => resolve({ kind: 'upgrade', response, socket, head }));
    const { body } = options;
    if (body.kind === 'none') req.end();
    else if (body.kind === 'buffer') req.end(body.data);
    else {
      body.stream.on('error', (err) => req.destroy(err));
      body.stream.pipe(req);
    }
  });
}

/** One attempt at an upstream request, prepared: where it goes, with which credentials, agent and headers. */
export interface PreparedUpstream {
  server: URL;
  credentials: UpstreamCredentials;
  agent: ReturnType<AgentPool['agentFor']>;
  /** The request's headers, then the credential headers, then the distribution adapter's final say. */
  headers: HeaderValues;
}

/**
 * Prepares one attempt at an upstream request: the context's server URL, its current credentials, the
 * pooled agent for them, and the final headers. The one place that decides what goes upstream, used by
 * {@link requestUpstream} and by clients that must do their own handshake (the multiplexer's exec stream
 * hands these to `ws`).
 *
 * @example
 * const { server, agent, headers } = await prepareUpstream(deps, context, { accept: 'application/json' }, 'http');
 */
export async function prepareUpstream(
  deps: Omit<UpstreamDeps, 'contexts'>,
  context: ResolvedContext,
  headers: Record<string, string>,
  kind: UpstreamRequestKind,
): Promise<PreparedUpstream> {
  const server = serverUrlOf(context);
  const credentials = await deps.credentials.credentialsFor(context);
  const agent = deps.agents.agentFor(context, server, credentials.tls);
  const adapter = deps.adapterFor(context.distribution);
  return {
    server,
    credentials,
    agent,
    headers: adapter.prepareHeaders({ ...headers, ...lowerCaseKeys(credentials.headers) }, kind),
  };
}

/**
 * The deadlines upstream calls of `deps` run with: its own, each missing one the default.
 *
 * @example
 * upstreamDeadlinesOf({ deadlines: { responseMs: 5_000 } }).tlsHandshakeMs; // 10_000
 */
export function upstreamDeadlinesOf(deps: Pick<UpstreamDeps, 'deadlines'>): UpstreamDeadlines {
  return { ...defaultUpstreamDeadlines, ...deps.deadlines };
}

/**
 * Sends a request to the context's API server with the context's credentials: browser headers, then the
 * credential headers, then the distribution adapter's final say. After a 401 with renewable credentials
 * the credentials are invalidated and the request is sent once more, and a keep-alive connection the
 * server had just closed is retried once, both only when the body can be replayed (not streamed).
 * Rejects with the credential provider's StatusError, a 502 Status naming the cluster and the cause, or
 * a 504 Status naming the stage whose deadline fired (connect, TLS handshake, response; see
 * {@link UpstreamDeadlines}). An ordinary (not watch, not follow) response body that stops flowing or
 * takes too long is destroyed with such a 504.
 *
 * @example
 * const result = await requestUpstream(deps, { context, target, method: 'GET', headers, kind: 'http', body: { kind: 'none' } });
 */
export async function requestUpstream(
  deps: Omit<UpstreamDeps, 'contexts'>,
  options: UpstreamRequestOptions,
): Promise<UpstreamResult> {
  const { context } = options;
  const replayable = options.body.kind !== 'stream';
  const deadlines = upstreamDeadlinesOf(deps);
  for (let attempt = 0; ; attempt++) {
    const { server, credentials, agent, headers } = await prepareUpstream(
      deps,
      context,
      options.headers,
      options.kind,
    );
    const result = await send(server, options, headers, agent, deadlines);
    const serverName = context.cluster?.config.server ?? server.href;
    if (result.kind === 'failed') {
      const reset = (result.error as { code?: unknown }).code === 'ECONNRESET' && result.reusedSocket;
      if (attempt === 0 && replayable && reset) continue;
      throw unreachableCluster(context.name, serverName, result.error);
    }
    const retry = attempt === 0 && replayable && credentials.renewable && result.response.statusCode === 401;
    if (!retry) {
      // Watches and log follows may be quiet for minutes: only ordinary bodies must keep flowing.
      if (result.kind === 'response' && !isLongLivedRequest(options.target))
        armBodyDeadlines(result.response, deadlines, (err) =>
          unreachableCluster(context.name, serverName, err),
        );
      return result;
    }
    if (result.kind === 'upgrade') result.socket.destroy();
    else result.response.resume();
    deps.credentials.invalidate(context, credentials);
  }
}
