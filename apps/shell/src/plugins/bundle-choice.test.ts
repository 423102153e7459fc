import { describe, expect, it } from 'vitest';
import { bundleChoiceOf, bundleStorageKey, forgetBundle, pluginsQuery } from './bundle-choice.ts';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    map,
  };
}

describe('bundleChoiceOf', () => {
  it('takes ?bundle= and remembers it for later visits without it', () => {
    const storage = memoryStorage();
    expect(bundleChoiceOf('?bundle=payments', storage)).toEqual({ bundle: 'payments', dev: [] });
    expect(storage.map.get(bundleStorageKey)).toBe('payments');
    expect(bundleChoiceOf('', storage)).toEqual({ bundle: 'payments', dev: [] });
    forgetBundle(storage);
    expect(bundleChoiceOf('', storage)).toEqual({ bundle: undefined, dev: [] });
  });

  it('passes dev overrides through, and works without storage', () => {
    expect(bundleChoiceOf('?dev=hello=http://localhost:3001/&dev=x=http://h/', undefined)).toEqual({
      bundle: undefined,
      dev: ['hello=http://localhost:3001/', 'x=http://h/'],
    });
  });
});

describe('pluginsQuery', () => {
  it('builds the query of GET /api/plugins', () => {
    expect(pluginsQuery({ bundle: undefined, dev: [] })).toBe('');
    expect(pluginsQuery({ bundle: 'payments', dev: ['hello=http://localhost:3001/'] })).toBe(
      '?bundle=payments&dev=hello%3Dhttp%3A%2F%2Flocalhost%3A3001%2F',
    );
  });
});
