import { StatusError } from '@porthole/protocol';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import type { CredentialProvider } from '../auth/upstream-credentials.ts';
import { createErrorHandler } from '../server/errors.ts';
import { createAgentPool } from './agent-pool.ts';
import { createProxyRoutes } from './http-proxy.ts';
import { createOpenStreams } from './open-streams.ts';
import { staticTokenCredentials, testContext, unchangedHeaders } from './test-backend.ts';

const contexts = new Map(
  [
    testContext({ name: 'ok', server: 'https://127.0.0.1:1', caPem: 'CA', token: 't' }),
    testContext({
      name: 'broken',
      server: 'https://127.0.0.1:1',
      caPem: 'CA',
      error: 'cluster "c" is not defined',
    }),
    testContext({ name: 'locked', server: 'https://127.0.0.1:1', caPem: 'CA' }),
    testContext({ name: 'odd', server: 'ftp://example', caPem: 'CA', token: 't' }),
  ].map((c) => [c.name, c]),
);
const fixed = staticTokenCredentials();
const credentials: CredentialProvider = {
  credentialsFor: (context) =>
    context.name === 'locked'
      ? Promise.reject(StatusError.unauthorized('OIDC id-token expired and no refresh token: log in again'))
      : fixed.credentialsFor(context),
  invalidate: () => {},
};
const agents = createAgentPool();
const app = new Hono();
app.onError(createErrorHandler(() => {}));
app.route(
  '/clusters',
  createProxyRoutes({
    contexts,
    credentials,
    adapterFor: () => unchangedHeaders,
    agents,
    streams: createOpenStreams(),
  }),
);

describe('createProxyRoutes', () => {
  afterAll(() => agents.close());

  it('returns a 404 Status for an unknown cluster', async () => {
    const res = await app.request('/clusters/nope/api/v1/pods');
    expect(res.status).toBe(404);
    expect((await res.json()) as { message: string }).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      message: 'cluster "nope" not found',
    });
  });

  it('returns a 400 Status naming why a context is unusable', async () => {
    const res = await app.request('/clusters/broken/api');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBe(
      'context "broken" cannot be used: cluster "c" is not defined',
    );
    const odd = await app.request('/clusters/odd/api');
    expect(odd.status).toBe(400);
    expect(((await odd.json()) as { message: string }).message).toContain('is not an http(s) URL');
  });

  it("passes the credential provider's 401 through", async () => {
    const res = await app.request('/clusters/locked/api');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toBe(
      'OIDC id-token expired and no refresh token: log in again',
    );
  });

  it('applies the CSRF check itself', async () => {
    const res = await app.request('/clusters/ok/api/v1/namespaces', { method: 'POST', body: '{}' });
    expect(res.status).toBe(403);
  });

  it('never sends a WebSocket handshake upstream as a plain request', async () => {
    const res = await app.request('/clusters/ok/api/v1/namespaces/default/pods/p/exec', {
      headers: { upgrade: 'websocket', connection: 'Upgrade' },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain('upgrade handler');
  });

  it('answers an unreachable cluster with a 502 Status', async () => {
    const res = await app.request('/clusters/ok/api');
    expect(res.status).toBe(502);
    expect(((await res.json()) as { message: string }).message).toBe(
      'cluster "ok" (https://127.0.0.1:1) is unreachable: connection refused',
    );
  });
});
