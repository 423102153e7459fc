import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { requireResourceVersion } from './write-precondition.ts';

const buffer = (value: unknown) => ({
  kind: 'buffer' as const,
  data: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
});
const json = { 'content-type': 'application/json' };

describe('requireResourceVersion', () => {
  it('refuses a PUT whose object has no resourceVersion with a 428 that says why and how', async () => {
    const error = await requireResourceVersion('PUT', json, buffer({ metadata: { name: 'x' } })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ status: { code: 428, reason: 'PreconditionRequired' } });
    expect((error as Error).message).toMatch(/resourceVersion.*X-Porthole-Overwrite: true/s);
  });

  it('lets through a PUT with a resourceVersion (JSON or YAML, buffered or streamed), and other methods', async () => {
    expect(
      await requireResourceVersion('PUT', json, buffer({ metadata: { name: 'x', resourceVersion: '7' } })),
    ).toMatchObject({ kind: 'buffer' });
    const yaml = await requireResourceVersion(
      'PUT',
      { 'content-type': 'application/yaml' },
      buffer('metadata:\n  resourceVersion: "7"\n'),
    );
    expect(yaml.kind).toBe('buffer');
    const streamed = await requireResourceVersion('PUT', json, {
      kind: 'stream',
      stream: Readable.from([Buffer.from('{"metadata":{"resourceVersion":"9"}}')]),
    });
    expect(streamed.kind === 'buffer' && streamed.data.toString()).toBe(
      '{"metadata":{"resourceVersion":"9"}}',
    );
    const post = buffer({ metadata: { name: 'x' } });
    expect(await requireResourceVersion('POST', json, post)).toBe(post);
  });

  it('lets a deliberate overwrite through, and refuses a bodyless or unreadable-type PUT', async () => {
    const body = buffer({ metadata: { name: 'x' } });
    expect(await requireResourceVersion('PUT', { ...json, 'x-porthole-overwrite': 'true' }, body)).toBe(body);
    await expect(requireResourceVersion('PUT', json, { kind: 'none' })).rejects.toMatchObject({
      status: { code: 428 },
    });
    await expect(
      requireResourceVersion('PUT', { 'content-type': 'application/vnd.kubernetes.protobuf' }, buffer('x')),
    ).rejects.toMatchObject({ status: { code: 428 } });
  });
});
