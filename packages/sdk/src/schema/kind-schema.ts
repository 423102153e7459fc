/** A JSON Schema node of the Kubernetes OpenAPI documents (v2 `definitions`, v3 `components.schemas`). */
export interface JsonSchema {
  type?: string;
  format?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  required?: string[];
  /** A reference, normalised to the definition's name (no `#/definitions/` prefix). */
  $ref?: string;
  allOf?: JsonSchema[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
}

/** One kind's schema: its root definition and every definition reachable from it (a few dozen, not thousands). */
export interface KindSchema {
  root: string;
  definitions: Record<string, JsonSchema>;
}

/** A kind as the OpenAPI documents tag it (`group` '' for the core group). */
export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/**
 * The schema of one kind out of a whole OpenAPI document (v2 or v3), references normalised to names and
 * only the definitions it reaches kept. Self-contained on purpose (no reference to anything outside its
 * body), so the SDK can also run it in a Web Worker built from its source.
 *
 * @example
 * const deployment = extractKindSchema(await http.request({ method: 'GET', path: '/clusters/prod/openapi/v2' }),
 *   { group: 'apps', version: 'v1', kind: 'Deployment' });
 */
export function extractKindSchema(document: unknown, gvk: GroupVersionKind): KindSchema | undefined {
  type Node = Record<string, unknown>;
  const isNode = (value: unknown): value is Node =>
    value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!isNode(document)) return undefined;
  const components = isNode(document.components) ? document.components.schemas : undefined;
  const all = (isNode(document.definitions) ? document.definitions : components) as Node | undefined;
  if (!isNode(all)) return undefined;
  const refName = (ref: string) => ref.replace(/^#\/(definitions|components\/schemas)\//, '');
  let root: string | undefined;
  for (const [name, schema] of Object.entries(all)) {
    const tags = isNode(schema) ? schema['x-kubernetes-group-version-kind'] : undefined;
    if (!Array.isArray(tags)) continue;
    if (
      tags.some(
        (t: Node) => (t.group ?? '') === gvk.group && t.version === gvk.version && t.kind === gvk.kind,
      )
    ) {
      root = name;
      break;
    }
  }
  if (root === undefined) return undefined;
  const definitions: Record<string, JsonSchema> = {};
  const copy = (value: unknown, pending: string[]): unknown => {
    if (Array.isArray(value)) return value.map((v) => copy(v, pending));
    if (!isNode(value)) return value;
    const out: Node = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') {
        const name = refName(v);
        out.$ref = name;
        pending.push(name);
      } else if (key !== 'example' && key !== 'default') out[key] = copy(v, pending);
    }
    return out;
  };
  const pending = [root];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (name in definitions || !isNode(all[name])) continue;
    definitions[name] = copy(all[name], pending) as JsonSchema;
  }
  return { root, definitions };
}
