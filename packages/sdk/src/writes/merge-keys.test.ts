import { describe, expect, it } from 'vitest';
import { indexItems, itemKeyOf, mergeKeyFor } from './merge-keys.ts';

describe('itemKeyOf', () => {
  it('names an item by a string or a finite number only', () => {
    expect(itemKeyOf({ name: 'a' }, 'name')).toBe('a');
    expect(itemKeyOf({ containerPort: 80 }, 'containerPort')).toBe(80);
    for (const value of [true, null, { a: 1 }, ['a'], Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(itemKeyOf({ name: value }, 'name')).toBeUndefined();
    }
    expect(itemKeyOf({ other: 'a' }, 'name')).toBeUndefined();
    expect(itemKeyOf('a', 'name')).toBeUndefined();
    expect(itemKeyOf(undefined, 'name')).toBeUndefined();
  });
});

describe('mergeKeyFor', () => {
  it('keys a list of named things whose every item, in every version, has its own key', () => {
    expect(mergeKeyFor('containers', [[{ name: 'a' }], [{ name: 'a' }, { name: 'b' }]])).toBe('name');
    expect(mergeKeyFor('containers', [])).toBe('name');
  });

  it('leaves the list atomic when two items share a key, an item has none, or its key is not a name', () => {
    expect(mergeKeyFor('containers', [[{ name: 'a' }, { name: 'a' }]])).toBeUndefined();
    expect(mergeKeyFor('containers', [[{ name: 'a' }], [{ name: 'b' }, { name: 'b' }]])).toBeUndefined();
    expect(mergeKeyFor('containers', [[{ name: 'a' }, { image: 'x' }]])).toBeUndefined();
    expect(mergeKeyFor('containers', [[{ name: true }]])).toBeUndefined();
    expect(mergeKeyFor('containers', [[{ name: 'a' }, 'b']])).toBeUndefined();
  });

  it('takes the first key of `ports` every item has uniquely', () => {
    expect(mergeKeyFor('ports', [[{ containerPort: 80 }, { name: 'metrics', containerPort: 9090 }]])).toBe(
      'containerPort',
    );
    expect(
      mergeKeyFor('ports', [
        [
          { name: 'a', port: 80 },
          { name: 'b', port: 80 },
        ],
      ]),
    ).toBe('name');
    expect(mergeKeyFor('ports', [[{ port: 80, protocol: 'TCP' }]])).toBe('port');
    expect(
      mergeKeyFor('ports', [[{ containerPort: 80 }, { containerPort: 80, protocol: 'UDP' }]]),
    ).toBeUndefined();
  });

  it('leaves unknown fields, no field, and inherited names atomic', () => {
    expect(mergeKeyFor('args', [[{ name: 'a' }]])).toBeUndefined();
    expect(mergeKeyFor(undefined, [[{ name: 'a' }]])).toBeUndefined();
    expect(mergeKeyFor('constructor', [[{ name: 'a' }]])).toBeUndefined();
  });
});

describe('indexItems', () => {
  it('indexes the items that have a key, in list order, and nothing of a non-list', () => {
    const items = indexItems([{ name: 'b', v: 1 }, { other: 1 }, 'x', null, { name: 'a' }], 'name');
    expect([...items.entries()]).toEqual([
      ['b', { name: 'b', v: 1 }],
      ['a', { name: 'a' }],
    ]);
    expect(indexItems({ name: 'a' }, 'name').size).toBe(0);
    expect(indexItems(undefined, 'name').size).toBe(0);
  });
});
