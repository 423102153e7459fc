import { isStatus, StatusError } from '@porthole/protocol';

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  /** Where Porthole's backend is; default '' (same origin, in the browser). In Node, e.g. 'http://127.0.0.1:4466'. */
  baseUrl?: string;
  /** The fetch to use; default the global one. */
  fetch?: typeof fetch;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  /** Extra request headers (e.g. `X-Porthole-Overwrite` for a deliberate overwrite). */
  headers?: Record<string, string>;
  /** `text` resolves with the body as a string (e.g. a large document to parse elsewhere); default `json`. */
  responseType?: 'json' | 'text';
}

/** Sends JSON requests to Porthole's backend; failures reject with a {@link StatusError}. */
export interface HttpClient {
  request<T>(request: HttpRequest): Promise<T>;
}

async function statusErrorOf(response: Response): Promise<StatusError> {
  const text = await response.text();
  try {
    const body: unknown = JSON.parse(text);
    if (isStatus(body)) return new StatusError(body);
  } catch {
    // not JSON: described below
  }
  const snippet = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    code: response.status,
    reason: response.status >= 500 ? 'InternalError' : 'BadRequest',
    message: `${response.status} ${response.statusText}${snippet ? `: ${snippet}` : ''}`,
  });
}

/**
 * The SDK's HTTP layer: JSON in and out, objects kept as raw JSON (never narrowed to typed models that
 * drop unknown fields), errors as `StatusError`, the CSRF header Porthole's backend requires on writes.
 *
 * @example
 * const http = createHttpClient({ baseUrl: 'http://127.0.0.1:4466' });
 * const list = await http.request({ method: 'GET', path: '/clusters/prod/api/v1/namespaces' });
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  const base = options.baseUrl ?? '';
  return {
    async request<T>({
      method,
      path,
      query,
      body,
      contentType,
      headers: extra,
      responseType,
    }: HttpRequest): Promise<T> {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query ?? {}))
        if (value !== undefined) params.set(key, String(value));
      const url = `${base}${path}${params.size > 0 ? `?${params}` : ''}`;
      const headers: Record<string, string> = { Accept: 'application/json', ...extra };
      if (method !== 'GET') headers['X-Porthole-Request'] = '1';
      if (body !== undefined) headers['Content-Type'] = contentType ?? 'application/json';
      let response: Response;
      try {
        response = await send(url, {
          method,
          headers,
          ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
        });
      } catch (err) {
        throw StatusError.serviceUnavailable(
          `cannot reach Porthole at ${base || 'this origin'}: ${(err as Error).message}`,
        );
      }
      if (!response.ok) throw await statusErrorOf(response);
      if (responseType === 'text') return (await response.text()) as T;
      return (await response.json()) as T;
    },
  };
}
