import { request } from 'node:https';

/** The `fetch` an OIDC client library calls: a URL and the few options it passes. */
export type IssuerFetch = (
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string> | Headers;
    body?: unknown;
    signal?: AbortSignal | null | undefined;
  },
) => Promise<Response>;

/** Options of {@link createIssuerFetch}. */
export interface IssuerFetchOptions {
  /** PEM of the CA that signs the issuer's certificate (`--oidc-ca-file`); the system's CAs when absent. */
  caPem?: string | undefined;
  /** A request with no complete answer by then fails; default 15 s. */
  timeoutMs?: number;
}

const maxBodyBytes = 1024 * 1024;

/** An Error with a Node-style `code`, so callers tell a failed connection from a refusal. */
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

function bodyText(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  throw new TypeError('the issuer request body must be a string or URLSearchParams');
}

function headerRecord(headers: Record<string, string> | Headers | undefined): Record<string, string> {
  if (headers === undefined) return {};
  if (!(headers instanceof Headers)) return headers;
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

/**
 * A `fetch` for talking to the OIDC issuer over HTTPS only, trusting `caPem` (Node's global `fetch`
 * can't be given a CA without a global setting), with a timeout and a 1 MiB answer limit. Redirects
 * are not followed. Used as openid-client's and jose's `customFetch`.
 *
 * @example
 * const fetchIssuer = createIssuerFetch({ caPem: await readFile(caFile, 'utf8') });
 * const res = await fetchIssuer('https://issuer.example/.well-known/openid-configuration', {});
 */
export function createIssuerFetch(options: IssuerFetchOptions = {}): IssuerFetch {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      if (target.protocol !== 'https:') {
        reject(new TypeError(`refusing to talk to the issuer over ${target.protocol} (${target.origin})`));
        return;
      }
      const body = bodyText(init.body);
      const req = request(
        target,
        {
          method: init.method ?? 'GET',
          headers: {
            ...headerRecord(init.headers),
            ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
          },
          ...(options.caPem ? { ca: options.caPem } : {}),
          timeout: timeoutMs,
          ...(init.signal ? { signal: init.signal } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBodyBytes) req.destroy(withCode('the issuer answered more than 1 MiB', 'EMSGSIZE'));
            else chunks.push(chunk);
          });
          res.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              if (value === undefined) continue;
              for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
            }
            const status = res.statusCode ?? 502;
            const noBody = status === 204 || status === 304;
            resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers }));
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () =>
        req.destroy(withCode(`the issuer did not answer within ${timeoutMs / 1000} s`, 'ETIMEDOUT')),
      );
      req.on('error', reject);
      req.end(body);
    });
}
