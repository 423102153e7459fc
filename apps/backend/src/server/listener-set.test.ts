import { describe, expect, it } from 'vitest';
import { createListenerSet } from './listener-set.ts';

describe('createListenerSet', () => {
  it('tells every listener, logs one that throws without stopping the others, and forgets removed ones', () => {
    const logged: string[] = [];
    const seen: string[] = [];
    const listeners = createListenerSet<string>('test registry', (m) => logged.push(m));
    listeners.add(() => {
      throw new Error('boom');
    });
    const remove = listeners.add((change) => seen.push(`a:${change}`));
    listeners.add((change) => seen.push(`b:${change}`));
    listeners.publish('one');
    remove();
    listeners.publish('two');
    listeners.clear();
    listeners.publish('three');
    expect(seen).toEqual(['a:one', 'b:one', 'b:two']);
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatch(/^porthole: a test registry subscriber failed: Error: boom/);
  });
});
