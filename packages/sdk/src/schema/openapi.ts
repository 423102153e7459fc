import type { HttpClient } from '../http/http-client.ts';
import { clusterPath } from '../http/resource-path.ts';
import { extractKindSchema, type GroupVersionKind, type KindSchema } from './kind-schema.ts';

/** Where a group/version's schema document is: `/openapi/v3/...` where served, else `/openapi/v2`. */
export interface OpenApiSource {
  version: 'v2' | 'v3';
  /** The API path, e.g. `/openapi/v3/apis/apps/v1` or `/openapi/v2`. */
  path: string;
}

/** Turns a schema document's text into one kind's schema, e.g. in a Web Worker. */
export type KindSchemaParser = (text: string, gvk: GroupVersionKind) => Promise<KindSchema | undefined>;

/** Options of {@link createOpenApiSchemas}. */
export interface OpenApiSchemasOptions {
  /** Default: {@link parseKindSchemaOffThread} (a Web Worker where there is one, else in place). */
  parse?: KindSchemaParser;
}

/** The clusters' own OpenAPI schemas, fetched once per cluster (and document) and cached. */
export interface OpenApiSchemas {
  /** Which document describes `group/version` on the cluster (v3 discovered from `/openapi/v3`). */
  source(cluster: string, gv: { group: string; version: string }): Promise<OpenApiSource>;
  /** The schema of a kind (CRDs included), or undefined when the cluster publishes none for it. */
  kind(cluster: string, gvk: GroupVersionKind): Promise<KindSchema | undefined>;
  /** Forgets a cluster's documents (e.g. after a CRD changed), or every cluster's. */
  invalidate(cluster?: string): void;
}

interface V3Index {
  paths?: Record<string, { serverRelativeURL?: string }>;
}

/**
 * Parses a kind's schema out of a document's text in a Web Worker built from the SDK's own
 * `extractKindSchema`, so a multi-megabyte document never blocks the page; in place where there is no
 * Worker (Node, tests).
 *
 * @example
 * const schemas = createOpenApiSchemas(http, { parse: parseKindSchemaOffThread });
 */
export const parseKindSchemaOffThread: KindSchemaParser = (text, gvk) => {
  if (
    typeof Worker === 'undefined' ||
    typeof Blob === 'undefined' ||
    typeof URL.createObjectURL !== 'function'
  )
    return Promise.resolve(extractKindSchema(JSON.parse(text), gvk));
  const source = `const extractKindSchema = ${extractKindSchema.toString()};
self.onmessage = (event) => {
  try { self.postMessage({ ok: true, schema: extractKindSchema(JSON.parse(event.data.text), event.data.gvk) }); }
  catch (err) { self.postMessage({ ok: false, message: String(err && err.message || err) }); }
};`;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(url);
  return new Promise<KindSchema | undefined>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<{ ok: boolean; schema?: KindSchema; message?: string }>) => {
      if (event.data.ok) resolve(event.data.schema);
      else reject(new Error(`the OpenAPI schema could not be read: ${event.data.message ?? ''}`));
    };
    worker.onerror = (event) => reject(new Error(`the OpenAPI schema worker failed: ${event.message}`));
    worker.postMessage({ text, gvk });
  }).finally(() => {
    worker.terminate();
    URL.revokeObjectURL(url);
  });
};

/**
 * The OpenAPI schemas of the clusters, for editors and validators: `/openapi/v3` where the cluster serves
 * it (discovered; one small document per group/version), else `/openapi/v2` (one large document, 1.20).
 * Each document is fetched once per cluster and cached; each kind is parsed once (off the main thread by
 * default) and cached.
 *
 * @example
 * const schemas = createOpenApiSchemas(http);
 * const deployment = await schemas.kind('prod', { group: 'apps', version: 'v1', kind: 'Deployment' });
 * fieldsAt(deployment, ['spec']); // replicas, selector, template, ...
 */
export function createOpenApiSchemas(http: HttpClient, options: OpenApiSchemasOptions = {}): OpenApiSchemas {
  const parse = options.parse ?? parseKindSchemaOffThread;
  const v3Index = new Map<string, Promise<V3Index | undefined>>();
  const texts = new Map<string, Promise<string>>();
  const kinds = new Map<string, Promise<KindSchema | undefined>>();
  const remember = <T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>) => {
    const hit = cache.get(key);
    if (hit) return hit;
    const made = make();
    cache.set(key, made);
    made.catch(() => cache.delete(key));
    return made;
  };
  const index = (cluster: string) =>
    remember(v3Index, cluster, () =>
      http
        .request<V3Index>({ method: 'GET', path: clusterPath(cluster, '/openapi/v3') })
        .catch((err: unknown) => {
          // 1.20 has no /openapi/v3: 404. Anything else (unreachable, 401) is a real failure.
          if ((err as { status?: { code?: number } }).status?.code === 404) return undefined;
          throw err;
        }),
    );
  const schemas: OpenApiSchemas = {
    async source(cluster, gv) {
      const paths = (await index(cluster))?.paths;
      const key = gv.group === '' ? `api/${gv.version}` : `apis/${gv.group}/${gv.version}`;
      const entry = paths?.[key];
      if (entry) return { version: 'v3', path: entry.serverRelativeURL ?? `/openapi/v3/${key}` };
      return { version: 'v2', path: '/openapi/v2' };
    },
    kind(cluster, gvk) {
      return remember(kinds, `${cluster}\n${gvk.group}/${gvk.version}/${gvk.kind}`, async () => {
        const { path } = await schemas.source(cluster, gvk);
        const text = await remember(texts, `${cluster}\n${path}`, () =>
          http.request<string>({ method: 'GET', path: clusterPath(cluster, path), responseType: 'text' }),
        );
        return parse(text, gvk);
      });
    },
    invalidate(cluster) {
      for (const cache of [v3Index, texts, kinds] as Map<string, unknown>[])
        for (const key of [...cache.keys()])
          if (cluster === undefined || key === cluster || key.startsWith(`${cluster}\n`)) cache.delete(key);
    },
  };
  return schemas;
}
