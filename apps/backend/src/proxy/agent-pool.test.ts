import { Agent as HttpsAgent } from 'node:https';
import { isBadRequest } from '@porthole/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { type AgentPool, createAgentPool } from './agent-pool.ts';
import { testContext } from './test-backend.ts';

const server = new URL('https://10.0.0.1:6443');
const tls = { ca: 'CA', rejectUnauthorized: true };

describe('createAgentPool', () => {
  let pool: AgentPool;
  afterEach(() => pool.close());

  it('reuses one keep-alive agent per context, fingerprint and TLS identity', () => {
    pool = createAgentPool();
    const context = testContext({ name: 'a', server: server.href, caPem: 'CA', token: 't' });
    const agent = pool.agentFor(context, server, tls);
    expect(agent).toBeInstanceOf(HttpsAgent);
    expect((agent as HttpsAgent & { keepAlive: boolean }).keepAlive).toBe(true);
    expect(pool.agentFor(context, server, { ...tls })).toBe(agent);
    expect(pool.agentFor(testContext({ name: 'b', server: server.href, caPem: 'CA' }), server, tls)).not.toBe(
      agent,
    );
  });

  it('replaces the agent when the fingerprint or the TLS identity changes', () => {
    pool = createAgentPool();
    const context = testContext({ name: 'a', server: server.href, caPem: 'CA', token: 't' });
    const first = pool.agentFor(context, server, tls);
    const changed = pool.agentFor({ ...context, fingerprint: 'edited' }, server, tls);
    expect(changed).not.toBe(first);
    expect(
      pool.agentFor({ ...context, fingerprint: 'edited' }, server, { ...tls, cert: 'C', key: 'K' }),
    ).not.toBe(changed);
  });

  it('gives a new agent after a context is dropped', () => {
    pool = createAgentPool();
    const context = testContext({ name: 'a', server: server.href, caPem: 'CA' });
    const first = pool.agentFor(context, server, tls);
    pool.drop('a');
    expect(pool.agentFor(context, server, tls)).not.toBe(first);
  });

  it('refuses a proxy-url Node cannot use with a 400', () => {
    pool = createAgentPool();
    const context = testContext({
      name: 'a',
      server: server.href,
      caPem: 'CA',
      proxyUrl: 'socks5://127.0.0.1:1080',
    });
    let caught: unknown;
    try {
      pool.agentFor(context, server, tls);
    } catch (err) {
      caught = err;
    }
    expect(isBadRequest(caught)).toBe(true);
    expect((caught as Error).message).toContain('proxy-url scheme "socks5" is not supported');
  });
});
