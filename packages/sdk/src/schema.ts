// `@porthole/sdk/schema`: the kinds' OpenAPI schemas from a cluster (field help, completion and
// validation for editors), on their own entry so the portal's first screen doesn't carry them.
export type { GroupVersionKind, JsonSchema, KindSchema } from './schema/kind-schema.ts';
export type {
  KindSchemaParser,
  KindSchemaView,
  OpenApiSchemas,
  OpenApiSchemasOptions,
  OpenApiSource,
} from './schema/openapi.ts';
export { createOpenApiSchemas } from './schema/openapi.ts';
export type { SchemaField, SchemaPathStep, SchemaProblem } from './schema/schema-lookup.ts';
