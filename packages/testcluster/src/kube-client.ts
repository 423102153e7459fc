import { Agent, request } from 'node:https';

/** Where and as whom a {@link KubeClient} talks to an API server. */
export interface KubeClientOptions {
  server: string;
  caPem: string;
  token: string;
}

export interface KubeResponse<T = unknown> {
  status: number;
  body: T;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject;
}

/** The few fields of a Kubernetes object the test infrastructure reads. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    ownerReferences?: { kind: string; name: string; uid: string }[];
  };
  [key: string]: unknown;
}

/**
 * A minimal JSON client for the test cluster's own infrastructure (RBAC bootstrap, seed data, the kubelet
 * stand-in). Porthole itself talks to clusters through the backend; this exists so the test cluster has
 * no dependency on the code it tests.
 */
export interface KubeClient {
  request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    contentType?: string,
  ): Promise<KubeResponse<T>>;
  /** Like `request` but rejects unless the status is 2xx (or listed in `allow`). */
  must<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    options?: { contentType?: string; allow?: number[] },
  ): Promise<T>;
  /** Streams watch events of `path` (a collection URL with `watch=1` added) until the stream ends. */
  watch(path: string, onEvent: (event: WatchEvent) => void, signal: AbortSignal): Promise<void>;
  close(): void;
}

export function createKubeClient(options: KubeClientOptions): KubeClient {
  const agent = new Agent({ ca: options.caPem, keepAlive: true });
  const base = new URL(options.server);
  const headers = (contentType?: string) => ({
    Authorization: `Bearer ${options.token}`,
    Accept: 'application/json',
    ...(contentType ? { 'Content-Type': contentType } : {}),
  });

  function send<T>(method: string, path: string, body?: unknown, contentType = 'application/json') {
    return new Promise<KubeResponse<T>>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        new URL(path, base),
        {
          method,
          agent,
          headers: {
            ...headers(payload === undefined ? undefined : contentType),
            // Explicit: Node sends a DELETE's body with neither Content-Length nor chunked encoding, so
            // the API server ignored it (DeleteOptions lost) and read its bytes as the start of the next
            // request on the kept-alive socket, which then got a plain-text 400.
            ...(payload === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(payload)) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              // not JSON: keep the text
            }
            resolve({ status: res.statusCode ?? 0, body: parsed as T });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  return {
    request: send,
    async must<T>(
      method: string,
      path: string,
      body?: unknown,
      opts: { contentType?: string; allow?: number[] } = {},
    ) {
      const res = await send<T>(method, path, body, opts.contentType);
      if ((res.status >= 200 && res.status < 300) || opts.allow?.includes(res.status)) return res.body;
      throw new Error(`${method} ${path} -> ${res.status}: ${JSON.stringify(res.body)}`);
    },
    watch(path, onEvent, signal) {
      return new Promise<void>((resolve, reject) => {
        const req = request(
          new URL(path, base),
          { method: 'GET', agent, headers: headers(), signal },
          (res) => {
            if (res.statusCode !== 200) {
              res.resume();
              reject(new Error(`watch ${path} -> ${res.statusCode}`));
              return;
            }
            let buffered = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              buffered += chunk;
              let nl = buffered.indexOf('\n');
              while (nl >= 0) {
                const line = buffered.slice(0, nl).trim();
                buffered = buffered.slice(nl + 1);
                if (line) onEvent(JSON.parse(line) as WatchEvent);
                nl = buffered.indexOf('\n');
              }
            });
            res.on('end', () => resolve());
            res.on('error', (err) => (signal.aborted ? resolve() : reject(err)));
          },
        );
        req.on('error', (err) => (signal.aborted ? resolve() : reject(err)));
        req.end();
      });
    },
    close() {
      agent.destroy();
    },
  };
}
