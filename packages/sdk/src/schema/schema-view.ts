// Loaded on first use by createOpenApiSchemas: the parser (a Worker built from extractKindSchema's source)
// and the lookups, kept out of the portal's first screen.

import { extractKindSchema, type KindSchema } from './kind-schema.ts';
import type { KindSchemaParser, KindSchemaView } from './openapi.ts';
import { checkObject, describeField, fieldsAt, schemaAt } from './schema-lookup.ts';

/** The part of a browser's Worker used here (the SDK also compiles without the DOM library). */
interface WorkerLike {
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}

/**
 * Parses a kind's schema out of a document's text in a Web Worker built from the SDK's own
 * `extractKindSchema`, so a multi-megabyte document never blocks the page; in place where there is no
 * Worker (Node, tests).
 *
 * @example
 * const schema = await parseOffThread(await response.text(), { group: 'apps', version: 'v1', kind: 'Deployment' });
 */
export const parseOffThread: KindSchemaParser = (text, gvk) => {
  const WorkerConstructor = (globalThis as { Worker?: new (url: string) => WorkerLike }).Worker;
  if (!WorkerConstructor || typeof Blob === 'undefined' || typeof URL.createObjectURL !== 'function')
    return Promise.resolve(extractKindSchema(JSON.parse(text), gvk));
  const source = `const extractKindSchema = ${extractKindSchema.toString()};
self.onmessage = (event) => {
  try { self.postMessage({ ok: true, schema: extractKindSchema(JSON.parse(event.data.text), event.data.gvk) }); }
  catch (err) { self.postMessage({ ok: false, message: String(err && err.message || err) }); }
};`;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new WorkerConstructor(url);
  return new Promise<KindSchema | undefined>((resolve, reject) => {
    worker.onmessage = (event) => {
      const answer = event.data as { ok: boolean; schema?: KindSchema; message?: string };
      if (answer.ok) resolve(answer.schema);
      else reject(new Error(`the OpenAPI schema could not be read: ${answer.message ?? ''}`));
    };
    worker.onerror = (event) => reject(new Error(`the OpenAPI schema worker failed: ${event.message ?? ''}`));
    worker.postMessage({ text, gvk });
  }).finally(() => {
    worker.terminate();
    URL.revokeObjectURL(url);
  });
};

/**
 * The lookups bound to one kind's schema.
 *
 * @example
 * viewOf(schema).fieldsAt(['spec']);
 */
export function viewOf(schema: KindSchema): KindSchemaView {
  return {
    schema,
    schemaAt: (path) => schemaAt(schema, path),
    fieldsAt: (path) => fieldsAt(schema, path),
    describeField: (path) => describeField(schema, path),
    check: (object) => checkObject(schema, object),
  };
}
