import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJsonObject, type JsonValue, jsonEqual, own, presentKeys } from './json-value.ts';

// The three-way merge walks into maps and lists whatever jsonEqual says (it is a shortcut there), so its
// tests can't tell a jsonEqual that is wrong about maps or lists: these test it on its own.
const json: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -3, max: 3 }),
    fc.constantFrom('', 'a', 'b', '1'),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('value'), { maxKeys: 3 }),
  ),
})).value;

describe('jsonEqual', () => {
  it('is true for a value and its deep copy, whatever the map key order', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(jsonEqual(value, structuredClone(value))).toBe(true);
        expect(
          jsonEqual({ x: value, y: [value] }, { y: [structuredClone(value)], x: structuredClone(value) }),
        ).toBe(true);
      }),
    );
  });

  it('agrees with comparing canonical JSON text', () => {
    const canonical = (value: JsonValue): string =>
      JSON.stringify(value, (_key, v: JsonValue) =>
        isJsonObject(v)
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, v[k]]),
            )
          : v,
      );
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(jsonEqual(a, b)).toBe(canonical(a) === canonical(b));
      }),
    );
  });

  it('compares maps key by key, ignoring order and keys set to undefined', () => {
    expect(jsonEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(jsonEqual({ a: 1 }, { b: 1 })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(jsonEqual({ a: { b: 1 } }, { a: { b: 2 } })).toBe(false);
    const withUndefined = { a: 1, gone: undefined } as unknown as JsonValue;
    expect(jsonEqual(withUndefined, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, withUndefined)).toBe(true);
  });

  it('compares lists item by item, in order', () => {
    expect(jsonEqual([1, { a: 'x' }], [1, { a: 'x' }])).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual([1], [1, 1])).toBe(false);
    expect(jsonEqual([{ a: 1 }], [{ a: 2 }])).toBe(false);
    expect(jsonEqual([], [])).toBe(true);
  });

  it('never equates a list with a map, a scalar, null or absent', () => {
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual({}, [])).toBe(false);
    expect(jsonEqual({ 0: 'a' }, ['a'])).toBe(false);
    expect(jsonEqual(['a'], { 0: 'a' })).toBe(false);
    expect(jsonEqual({}, null)).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual({}, undefined)).toBe(false);
    expect(jsonEqual(undefined, [])).toBe(false);
    expect(jsonEqual(1, '1')).toBe(false);
    expect(jsonEqual(undefined, undefined)).toBe(true);
  });
});

describe('presentKeys and own', () => {
  it('leaves out keys set to undefined and inherited properties', () => {
    expect(presentKeys({ a: 1, b: undefined, c: null } as unknown as { [key: string]: JsonValue })).toEqual([
      'a',
      'c',
    ]);
    expect(own({ a: 1 }, 'constructor')).toBeUndefined();
    expect(own({ a: 1 }, 'a')).toBe(1);
  });
});
