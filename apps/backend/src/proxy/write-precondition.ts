import type { IncomingHttpHeaders } from 'node:http';
import { StatusError } from '@porthole/protocol';
import { parse as parseYaml } from 'yaml';
import type { UpstreamBody } from './upstream-request.ts';

/** The header that lets a PUT through without a resourceVersion: a deliberate overwrite. */
export const overwriteHeader = 'x-porthole-overwrite';

/** A PUT body larger than this is refused rather than held in memory to be checked. */
export const maxCheckedPutBytes = 16 * 1024 * 1024;

function preconditionRequired(why: string): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    code: 428,
    reason: 'PreconditionRequired',
    message:
      `${why}: a PUT without metadata.resourceVersion would silently overwrite any change made since the ` +
      'object was read. Send the resourceVersion you edited (a concurrent change then gets a 409 instead of ' +
      `being lost), or add the header "X-Porthole-Overwrite: true" to overwrite on purpose.`,
  });
}

async function readUpTo(stream: AsyncIterable<Buffer>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > limit) throw StatusError.badRequest(`a PUT body over ${limit} bytes is not accepted`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function resourceVersionOf(contentType: string, text: string): unknown {
  const doc: unknown = /yaml/i.test(contentType) ? parseYaml(text) : JSON.parse(text);
  if (typeof doc !== 'object' || doc === null) return undefined;
  const metadata = (doc as { metadata?: unknown }).metadata;
  return typeof metadata === 'object' && metadata !== null
    ? (metadata as { resourceVersion?: unknown }).resourceVersion
    : undefined;
}

/**
 * Optimistic concurrency, enforced: a PUT through the proxy must carry `metadata.resourceVersion`
 * (JSON or YAML body) unless it says `X-Porthole-Overwrite: true`; otherwise 428 with the reason.
 * Returns the body to send upstream (a streamed PUT body is read into memory to be checked).
 *
 * @example
 * const body = await requireResourceVersion('PUT', incoming.headers, await bodyOf(...));
 */
export async function requireResourceVersion(
  method: string,
  headers: IncomingHttpHeaders,
  body: UpstreamBody,
): Promise<UpstreamBody> {
  if (method !== 'PUT' || headers[overwriteHeader] === 'true') return body;
  if (body.kind === 'none') throw preconditionRequired('the PUT has no body');
  const data = body.kind === 'buffer' ? body.data : await readUpTo(body.stream, maxCheckedPutBytes);
  const contentType = String(headers['content-type'] ?? 'application/json');
  if (!/json|yaml/i.test(contentType)) throw preconditionRequired(`a ${contentType} body can't be checked`);
  let resourceVersion: unknown;
  try {
    resourceVersion = resourceVersionOf(contentType, data.toString('utf8'));
  } catch {
    // Not parseable: let the API server say what is wrong with it.
    return { kind: 'buffer', data };
  }
  if (typeof resourceVersion !== 'string' || resourceVersion === '') {
    throw preconditionRequired('the object has no metadata.resourceVersion');
  }
  return { kind: 'buffer', data };
}
