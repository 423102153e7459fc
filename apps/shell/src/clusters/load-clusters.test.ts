import { StatusError } from '@porthole/protocol';
import { describe, expect, it } from 'vitest';
import { loadClusters } from './load-clusters.ts';

const alpha = {
  name: 'admin@alpha',
  server: 'https://127.0.0.1:6443',
  distribution: 'kubernetes',
  namespace: 'default',
  source: '/k',
};

function answering(status: number, body: unknown): typeof fetch {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return async () => new Response(text, { status, headers: { 'content-type': 'application/json' } });
}

describe('loadClusters', () => {
  it('returns the clusters of a valid response', async () => {
    expect(await loadClusters(answering(200, [alpha]))).toEqual({ ok: true, clusters: [alpha] });
  });

  it('returns the Status the server sent on failure', async () => {
    const status = StatusError.forbidden(undefined, undefined, 'nope').status;
    expect(await loadClusters(answering(403, status))).toEqual({ ok: false, status });
  });

  it('turns a failure without a Status body into a Status with the HTTP code', async () => {
    const result = await loadClusters(answering(502, '<html>Bad Gateway</html>'));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.status).toMatchObject({ kind: 'Status', code: 502 });
    expect(!result.ok && result.status.message).toContain('GET /api/clusters failed: 502');
  });

  it('names where a body of the wrong shape is wrong', async () => {
    const result = await loadClusters(answering(200, [{ ...alpha, distribution: 'mystery' }]));
    expect(!result.ok && result.status.message).toMatch(/unexpected body at 0\.distribution/);
  });

  it('resolves, never rejects, when the server cannot be reached', async () => {
    const result = await loadClusters(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(!result.ok && result.status).toMatchObject({ code: 503, reason: 'ServiceUnavailable' });
    expect(!result.ok && result.status.message).toBe('cannot reach the Porthole server: Failed to fetch');
  });
});
