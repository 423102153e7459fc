import { describe, expect, it } from 'vitest';
import { objectRows } from './object-rows.ts';

describe('objectRows', () => {
  it('lists name/uid/resourceVersion sorted, so sets in any order compare equal and a version differs', () => {
    const a = { metadata: { name: 'a', uid: '1', resourceVersion: '5' } };
    const b = { metadata: { name: 'b', uid: '2', resourceVersion: '6' } };
    expect(objectRows([b, a])).toEqual(['a/1/5', 'b/2/6']);
    expect(objectRows([a, b])).toEqual(objectRows([b, a]));
    expect(objectRows([{ metadata: { ...a.metadata, resourceVersion: '7' } }, b])).not.toEqual(
      objectRows([a, b]),
    );
  });
});
