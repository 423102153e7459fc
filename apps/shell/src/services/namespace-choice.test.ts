import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { createNamespaceChoice as create } from './namespace-choice.ts';

const isName = (value: string) => /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value);
const createNamespaceChoice = (storage: Parameters<typeof create>[0]) => create(storage, isName);

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  };
}

describe('createNamespaceChoice', () => {
  it('keeps one choice per cluster and remembers it for the next page', () => {
    const storage = memoryStorage();
    createRoot((dispose) => {
      const choice = createNamespaceChoice(storage);
      expect(choice.of('prod')).toBeUndefined();
      choice.choose('prod', 'web');
      choice.choose('staging', '');
      expect(choice.of('prod')).toBe('web');
      expect(choice.of('staging')).toBe('');
      dispose();
    });
    createRoot((dispose) => {
      const again = createNamespaceChoice(storage);
      expect(again.of('prod')).toBe('web');
      expect(again.of('staging')).toBe('');
      expect(again.of('other')).toBeUndefined();
      dispose();
    });
  });

  it('drops remembered values that are not namespace names, and survives a broken store', () => {
    const storage = memoryStorage({
      'porthole.namespaces': JSON.stringify({ a: '../kube-system', b: 'team-b', c: 42, __proto__: 'x' }),
    });
    createRoot((dispose) => {
      const choice = createNamespaceChoice(storage);
      expect(choice.of('a')).toBeUndefined();
      expect(choice.of('b')).toBe('team-b');
      expect(choice.of('c')).toBeUndefined();
      expect(choice.of('toString')).toBeUndefined();
      dispose();
    });
    createRoot((dispose) => {
      expect(
        createNamespaceChoice(memoryStorage({ 'porthole.namespaces': '{not json' })).of('b'),
      ).toBeUndefined();
      dispose();
    });
  });
});
