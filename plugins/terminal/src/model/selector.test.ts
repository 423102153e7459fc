import { describe, expect, it } from 'vitest';
import { selectorString } from './selector.ts';

describe('selectorString', () => {
  it('writes matchLabels and every operator of matchExpressions', () => {
    expect(
      selectorString({
        matchLabels: { app: 'web', 'controller-uid': 'x1' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['a', 'b'] },
          { key: 'env', operator: 'NotIn', values: ['dev'] },
          { key: 'team', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('app=web,controller-uid=x1,tier in (a,b),env notin (dev),team,!legacy');
  });
  it('selects nothing rather than everything for an empty or unknown selector', () => {
    expect(selectorString(undefined)).toBeUndefined();
    expect(selectorString({})).toBeUndefined();
    expect(
      selectorString({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }),
    ).toBeUndefined();
  });
});
