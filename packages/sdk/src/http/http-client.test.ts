import { isNotFound, StatusError } from '@porthole/protocol';
import { describe, expect, it } from 'vitest';
import { createHttpClient } from './http-client.ts';

/** A fetch that records what it was asked and answers with `response`. */
function recordingFetch(response: () => Response) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return response();
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

describe('createHttpClient', () => {
  it('sends the CSRF header on writes only, and the query without undefined values', async () => {
    const { calls, fetch } = recordingFetch(() => Response.json({ ok: true }));
    const http = createHttpClient({ baseUrl: 'http://porthole', fetch });
    await http.request({
      method: 'GET',
      path: '/clusters/c/api/v1/pods',
      query: { limit: 5, continue: undefined },
    });
    await http.request({
      method: 'POST',
      path: '/clusters/c/api/v1/namespaces',
      body: { metadata: { name: 'x' } },
    });
    expect(calls[0]?.url).toBe('http://porthole/clusters/c/api/v1/pods?limit=5');
    expect(new Headers(calls[0]?.init?.headers).has('X-Porthole-Request')).toBe(false);
    expect(new Headers(calls[1]?.init?.headers).get('X-Porthole-Request')).toBe('1');
    expect(new Headers(calls[1]?.init?.headers).get('Content-Type')).toBe('application/json');
  });

  it('rejects with the Status the server sent', async () => {
    const status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      code: 404,
      reason: 'NotFound',
      message: 'cluster "x" not found',
    };
    const { fetch } = recordingFetch(() => Response.json(status, { status: 404 }));
    const error = await createHttpClient({ fetch })
      .request({ method: 'GET', path: '/clusters/x/api' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatusError);
    expect(isNotFound(error)).toBe(true);
    expect((error as StatusError).status.message).toBe('cluster "x" not found');
  });

  it('turns a non-Status failure and an unreachable backend into Status errors with the cause', async () => {
    const { fetch } = recordingFetch(
      () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    const error = (await createHttpClient({ fetch })
      .request({ method: 'GET', path: '/x' })
      .catch((e: unknown) => e)) as StatusError;
    expect(error.status).toMatchObject({ code: 502, reason: 'InternalError' });
    expect(error.status.message).toContain('bad gateway');
    const down = async () => {
      throw new TypeError('fetch failed');
    };
    const unreachable = (await createHttpClient({ baseUrl: 'http://127.0.0.1:1', fetch: down })
      .request({ method: 'GET', path: '/x' })
      .catch((e: unknown) => e)) as StatusError;
    expect(unreachable.status).toMatchObject({ code: 503 });
    expect(unreachable.status.message).toContain('cannot reach Porthole at http://127.0.0.1:1');
  });
});
