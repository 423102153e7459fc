import { describe, expect, it } from 'vitest';
import { selectorString } from './label-selector.ts';

describe('selectorString', () => {
  it('writes matchLabels and every matchExpressions operator as the API server reads them', () => {
    expect(
      selectorString({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['a', 'b'] },
          { key: 'env', operator: 'NotIn', values: ['dev'] },
          { key: 'canary', operator: 'Exists' },
          { key: 'old', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('app=web,tier in (a,b),env notin (dev),canary,!old');
  });

  it('gives undefined, never "everything", for no selector, an empty one or an unknown operator', () => {
    expect(selectorString({ matchLabels: { app: 'web' } })).toBe('app=web');
    expect(selectorString({ matchLabels: {} })).toBeUndefined();
    expect(selectorString(undefined)).toBeUndefined();
    expect(
      selectorString({ matchLabels: { a: 'b' }, matchExpressions: [{ key: 'x', operator: 'Gt' }] }),
    ).toBeUndefined();
  });
});
