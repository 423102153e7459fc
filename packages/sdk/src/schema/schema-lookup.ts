import type { JsonSchema, KindSchema } from './kind-schema.ts';

/** A step into an object: a field name or a list index. */
export type SchemaPathStep = string | number;

/** A field a schema offers at a path, for completion and hover. */
export interface SchemaField {
  name: string;
  /** `string`, `integer`, `object`, `array of Container`, ... */
  type: string;
  description: string;
  required: boolean;
}

/** A value that does not fit the schema. */
export interface SchemaProblem {
  path: SchemaPathStep[];
  message: string;
}

/** The node with `$ref` and a single-entry `allOf` followed; the referenced name is kept for type names. */
function resolve(kind: KindSchema, schema: JsonSchema | undefined): { schema?: JsonSchema; name?: string } {
  let node = schema;
  let name: string | undefined;
  for (let i = 0; node && i < 32; i++) {
    const ref = node.$ref ?? (node.allOf?.length === 1 ? node.allOf[0]?.$ref : undefined);
    if (!ref) break;
    name = ref;
    node = kind.definitions[ref];
  }
  return { ...(node ? { schema: node } : {}), ...(name ? { name } : {}) };
}

const shortName = (name: string) => name.split('.').at(-1) ?? name;
const intOrString = (schema: JsonSchema, name?: string) =>
  schema['x-kubernetes-int-or-string'] === true ||
  schema.format === 'int-or-string' ||
  (name !== undefined && /\.(IntOrString|Quantity)$/.test(name));

function typeName(kind: KindSchema, schema: JsonSchema | undefined): string {
  const { schema: node, name } = resolve(kind, schema);
  if (!node) return 'any';
  if (intOrString(node, name)) return 'integer or string';
  if (node.type === 'array') return `array of ${typeName(kind, node.items)}`;
  if (node.properties) return name ? shortName(name) : 'object';
  if (node.type === 'object' && node.additionalProperties && typeof node.additionalProperties === 'object')
    return `map of ${typeName(kind, node.additionalProperties)}`;
  return node.type ?? (name ? shortName(name) : 'any');
}

/**
 * The schema at `path` inside the kind (`['spec', 'template', 'spec', 'containers', 0]`), or undefined
 * where the schema says nothing (unknown field, free-form object).
 *
 * @example
 * schemaAt(deployment, ['spec', 'replicas'])?.type; // 'integer'
 */
export function schemaAt(kind: KindSchema, path: readonly SchemaPathStep[]): JsonSchema | undefined {
  let node = resolve(kind, kind.definitions[kind.root]).schema;
  for (const step of path) {
    if (!node) return undefined;
    if (typeof step === 'number' || node.type === 'array') {
      node = resolve(kind, node.items).schema;
      continue;
    }
    const next: JsonSchema | undefined =
      node.properties?.[step] ??
      (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
    node = resolve(kind, next).schema;
  }
  return node;
}

/**
 * The fields of the object at `path`, with their types and descriptions (what completion offers).
 *
 * @example
 * fieldsAt(deployment, ['spec']).map((f) => f.name); // ['minReadySeconds', 'paused', ..., 'replicas', ...]
 */
export function fieldsAt(kind: KindSchema, path: readonly SchemaPathStep[]): SchemaField[] {
  const node = schemaAt(kind, path);
  const required = new Set(node?.required ?? []);
  return Object.entries(node?.properties ?? {})
    .map(([name, schema]) => ({
      name,
      type: typeName(kind, schema),
      description: resolve(kind, schema).schema?.description ?? schema.description ?? '',
      required: required.has(name),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The description of the field at `path` (what hover shows), with its type.
 *
 * @example
 * describeField(deployment, ['spec', 'replicas']); // { name: 'replicas', type: 'integer', description: 'Number of desired pods...' }
 */
export function describeField(kind: KindSchema, path: readonly SchemaPathStep[]): SchemaField | undefined {
  const last = path.at(-1);
  if (typeof last !== 'string') return undefined;
  return fieldsAt(kind, path.slice(0, -1)).find((f) => f.name === last);
}

function fits(value: unknown, node: JsonSchema, name: string | undefined): string | undefined {
  if (value === null) return undefined;
  if (intOrString(node, name))
    return typeof value === 'string' || Number.isInteger(value) ? undefined : 'an integer or a string';
  switch (node.type) {
    case 'string':
      return typeof value === 'string' ? undefined : 'a string';
    case 'integer':
      return Number.isInteger(value) ? undefined : 'an integer';
    case 'number':
      return typeof value === 'number' ? undefined : 'a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'true or false';
    case 'array':
      return Array.isArray(value) ? undefined : 'a list';
    case 'object':
      return typeof value === 'object' && !Array.isArray(value) ? undefined : 'a mapping';
    default:
      if (node.properties)
        return typeof value === 'object' && !Array.isArray(value) ? undefined : 'a mapping';
      return undefined;
  }
}

const describeValue = (value: unknown) =>
  Array.isArray(value)
    ? 'a list'
    : value === null
      ? 'null'
      : typeof value === 'object'
        ? 'a mapping'
        : JSON.stringify(value);

/**
 * Unknown fields and wrong types in `object` against the kind's schema (what an editor flags as the
 * person types). Free-form parts (`x-kubernetes-preserve-unknown-fields`, maps) are not second-guessed.
 *
 * @example
 * checkObject(deployment, { spec: { replicas: 'x', replica: 2 } });
 * // [{ path: ['spec', 'replicas'], message: 'must be an integer, not "x"' },
 * //  { path: ['spec', 'replica'], message: 'unknown field "replica" in DeploymentSpec' }]
 */
export function checkObject(kind: KindSchema, object: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const visit = (value: unknown, schema: JsonSchema | undefined, path: SchemaPathStep[]) => {
    const { schema: node, name } = resolve(kind, schema);
    if (!node || node['x-kubernetes-preserve-unknown-fields']) return;
    const wrong = fits(value, node, name);
    if (wrong) {
      problems.push({ path, message: `must be ${wrong}, not ${describeValue(value)}` });
      return;
    }
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) visit(item, node.items, [...path, i]);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const field = node.properties?.[key];
      if (field) visit(child, field, [...path, key]);
      else if (typeof node.additionalProperties === 'object')
        visit(child, node.additionalProperties, [...path, key]);
      else if (node.properties && node.additionalProperties !== true)
        problems.push({
          path: [...path, key],
          message: `unknown field "${key}" in ${name ? shortName(name) : 'this object'}`,
        });
    }
  };
  visit(object, kind.definitions[kind.root], []);
  return problems;
}
