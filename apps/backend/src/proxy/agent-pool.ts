import { createHash } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { StatusError } from '@porthole/protocol';
import type { UpstreamTls } from '../auth/upstream-credentials.ts';
import type { ResolvedContext } from '../clusters/resolved-context.ts';

/** Keep-alive agents, one per context (and TLS identity), so connections to a cluster are reused. */
export interface AgentPool {
  /**
   * The agent for requests to `server` on behalf of `context` with `tls`. A context whose fingerprint or
   * TLS identity changed gets a new agent; the old one finishes its requests and then closes.
   */
  agentFor(context: ResolvedContext, server: URL, tls: UpstreamTls): HttpAgent;
  /** Forgets the agent of a context (removed from the kubeconfig); its open requests finish. */
  drop(contextName: string): void;
  /** Destroys every agent and its sockets (server shutdown). */
  close(): void;
}

interface PooledAgent {
  key: string;
  agent: HttpAgent;
}

const proxySchemes = new Set(['http:', 'https:']);

/** A digest of everything that makes connections of one context differ; no secret kept in a map key. */
function keyOf(context: ResolvedContext, server: URL, tls: UpstreamTls): string {
  const identity = JSON.stringify([
    server.protocol,
    tls.ca,
    tls.cert,
    tls.key,
    tls.servername,
    tls.rejectUnauthorized,
  ]);
  const digest = createHash('sha256').update(identity).digest('base64url');
  return `${context.fingerprint}\0${digest}`;
}

/** `proxy-url` as Node's agent `proxyEnv`; Node tunnels HTTPS through HTTP(S) proxies with CONNECT. */
function proxyEnvOf(context: ResolvedContext): { HTTP_PROXY: string; HTTPS_PROXY: string } | undefined {
  const proxyUrl = context.cluster?.config.proxyUrl;
  if (!proxyUrl) return undefined;
  let scheme: string;
  try {
    scheme = new URL(proxyUrl).protocol;
  } catch {
    throw StatusError.badRequest(`context "${context.name}": proxy-url is not a valid URL`);
  }
  if (!proxySchemes.has(scheme)) {
    throw StatusError.badRequest(
      `context "${context.name}": proxy-url scheme "${scheme.slice(0, -1)}" is not supported (use http or https)`,
    );
  }
  return { HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl };
}

function createAgent(context: ResolvedContext, server: URL, tls: UpstreamTls): HttpAgent {
  const proxyEnv = proxyEnvOf(context);
  const common = { keepAlive: true, ...(proxyEnv ? { proxyEnv } : {}) };
  if (server.protocol === 'http:') return new HttpAgent(common);
  return new HttpsAgent({
    ...common,
    rejectUnauthorized: tls.rejectUnauthorized,
    ...(tls.ca !== undefined ? { ca: tls.ca } : {}),
    ...(tls.cert !== undefined ? { cert: tls.cert } : {}),
    ...(tls.key !== undefined ? { key: tls.key } : {}),
    ...(tls.servername !== undefined ? { servername: tls.servername } : {}),
  });
}

const withCert: UpstreamTls = { cert: 'x', rejectUnauthorized: true };

/** The pool's map key: the context, and whether its connections present a client certificate. */
function slotOf(contextName: string, tls: UpstreamTls): string {
  return `${contextName}\0${tls.cert === undefined ? 'bearer' : 'cert'}`;
}

/** Lets a replaced agent's busy sockets finish their request, then closes them instead of keeping them. */
function retire(agent: HttpAgent): void {
  agent.on('free', (socket) => socket.destroy());
  for (const sockets of Object.values(agent.freeSockets))
    for (const socket of sockets ?? []) socket.destroy();
}

/**
 * Creates the pool of per-context keep-alive agents (HTTPS with the context's CA, client certificate,
 * `tls-server-name` and `insecure-skip-tls-verify`; through `proxy-url` when set).
 *
 * @example
 * const agents = createAgentPool();
 * https.request(url, { agent: agents.agentFor(context, url, credentials.tls) });
 */
export function createAgentPool(): AgentPool {
  const agents = new Map<string, PooledAgent>();
  return {
    agentFor(context, server, tls) {
      const key = keyOf(context, server, tls);
      // Requests with the context's client certificate and those without (a person's bearer token over
      // the same cluster, beside the kubeconfig's own probes) each keep an agent; a change within either
      // replaces it.
      const slot = slotOf(context.name, tls);
      const current = agents.get(slot);
      if (current?.key === key) return current.agent;
      const agent = createAgent(context, server, tls);
      if (current) retire(current.agent);
      agents.set(slot, { key, agent });
      return agent;
    },
    drop(contextName) {
      for (const slot of [slotOf(contextName, { rejectUnauthorized: true }), slotOf(contextName, withCert)]) {
        const current = agents.get(slot);
        if (!current) continue;
        agents.delete(slot);
        retire(current.agent);
      }
    },
    close() {
      for (const { agent } of agents.values()) agent.destroy();
      agents.clear();
    },
  };
}
