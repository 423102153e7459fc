import type { HttpClient } from '../http/http-client.ts';
import { clusterPath } from '../http/resource-path.ts';
import type { GroupVersionKind, JsonSchema, KindSchema } from './kind-schema.ts';
import type { SchemaField, SchemaPathStep, SchemaProblem } from './schema-lookup.ts';

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
  /** Default: in a Web Worker built from the SDK's own extractor where there is one, else in place. */
  parse?: KindSchemaParser;
}

/**
 * A kind's schema with the lookups an editor or validator needs. Its code (and the parser's) is loaded
 * on first use, so the portal's first screen does not carry it.
 */
export interface KindSchemaView {
  schema: KindSchema;
  /** The schema at a path (`['spec', 'template', 'spec', 'containers', 0]`), or undefined where it says nothing. */
  schemaAt(path: readonly SchemaPathStep[]): JsonSchema | undefined;
  /** The fields of the object at a path, with types and descriptions (what completion offers). */
  fieldsAt(path: readonly SchemaPathStep[]): SchemaField[];
  /** The field at a path with its description (what hover shows). */
  describeField(path: readonly SchemaPathStep[]): SchemaField | undefined;
  /** Unknown fields and wrong types in an object of this kind. */
  check(object: unknown): SchemaProblem[];
}

/** The clusters' own OpenAPI schemas, fetched once per cluster (and document) and cached. */
export interface OpenApiSchemas {
  /** Which document describes `group/version` on the cluster (v3 discovered from `/openapi/v3`). */
  source(cluster: string, gv: { group: string; version: string }): Promise<OpenApiSource>;
  /** The schema of a kind (CRDs included), or undefined when the cluster publishes none for it. */
  kind(cluster: string, gvk: GroupVersionKind): Promise<KindSchemaView | undefined>;
  /** Forgets a cluster's documents (e.g. after a CRD changed), or every cluster's. */
  invalidate(cluster?: string): void;
}

interface V3Index {
  paths?: Record<string, { serverRelativeURL?: string }>;
}

/**
 * The OpenAPI schemas of the clusters, for editors and validators: `/openapi/v3` where the cluster serves
 * it (discovered; one small document per group/version), else `/openapi/v2` (one large document, 1.20).
 * Each document is fetched once per cluster and cached; each kind is parsed once (off the main thread by
 * default) and cached.
 *
 * @example
 * const schemas = createOpenApiSchemas(http);
 * const deployment = await schemas.kind('prod', { group: 'apps', version: 'v1', kind: 'Deployment' });
 * deployment?.fieldsAt(['spec']); // replicas, selector, template, ...
 * deployment?.check(edited); // [{ path: ['spec', 'replica'], message: 'unknown field "replica" in DeploymentSpec' }]
 */
export function createOpenApiSchemas(http: HttpClient, options: OpenApiSchemasOptions = {}): OpenApiSchemas {
  const lookups = () => import('./schema-view.ts');
  const v3Index = new Map<string, Promise<V3Index | undefined>>();
  const texts = new Map<string, Promise<string>>();
  const kinds = new Map<string, Promise<KindSchemaView | undefined>>();
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
        const { parseOffThread, viewOf } = await lookups();
        const schema = await (options.parse ?? parseOffThread)(text, gvk);
        return schema ? viewOf(schema) : undefined;
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
