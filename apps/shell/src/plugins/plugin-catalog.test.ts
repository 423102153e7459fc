import { describe, expect, it } from 'vitest';
import { createPluginCatalog } from './plugin-catalog.ts';

const body = {
  bundle: 'default',
  bundles: ['default'],
  plugins: [{ status: 'error', name: 'down', error: 'gone' }],
};

function answering(...responses: (() => Response)[]) {
  const asked: string[] = [];
  let i = 0;
  const fetchFn: typeof fetch = async (input) => {
    asked.push(String(input));
    const next = responses[Math.min(i++, responses.length - 1)];
    if (!next) throw new Error('no response');
    return next();
  };
  return { fetchFn, asked };
}

const json =
  (value: unknown, status = 200) =>
  () =>
    new Response(JSON.stringify(value), { status });

describe('createPluginCatalog', () => {
  it('asks for the chosen bundle and keeps the parsed list', async () => {
    const { fetchFn, asked } = answering(json(body));
    const catalog = createPluginCatalog({ fetch: fetchFn, choice: () => ({ bundle: 'payments', dev: [] }) });
    await catalog.refresh();
    expect(asked).toEqual(['/api/plugins?bundle=payments']);
    expect(catalog.manifest()).toEqual(body);
    expect(catalog.error()).toBeUndefined();
  });

  it('keeps the same object when the answer did not change', async () => {
    const { fetchFn } = answering(json(body));
    const catalog = createPluginCatalog({ fetch: fetchFn, choice: () => ({ bundle: undefined, dev: [] }) });
    await catalog.refresh();
    const first = catalog.manifest();
    await catalog.refresh();
    expect(catalog.manifest()).toBe(first);
  });

  it('keeps the last good list on failure and reports the Status; an unknown bundle is reported', async () => {
    const notFound = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      code: 404,
      message: 'bundles "x" not found',
    };
    const { fetchFn } = answering(json(body), json(notFound, 404));
    const unknown: string[] = [];
    const catalog = createPluginCatalog({
      fetch: fetchFn,
      choice: () => ({ bundle: 'x', dev: [] }),
      onUnknownBundle: (b) => unknown.push(b),
    });
    await catalog.refresh();
    await catalog.refresh();
    expect(catalog.manifest()).toEqual(body);
    expect(catalog.error()?.message).toBe('bundles "x" not found');
    expect(unknown).toEqual(['x']);
  });

  it('never rejects when the server is unreachable', async () => {
    const catalog = createPluginCatalog({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
      choice: () => ({ bundle: undefined, dev: [] }),
    });
    await catalog.refresh();
    expect(catalog.error()).toMatchObject({ code: 503 });
  });
});
