import { describe, expect, it } from 'vitest';
import { selectorString } from './selector-string.ts';

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

  it("reads a Service's plain map, and gives undefined for an empty selector (never 'everything')", () => {
    expect(selectorString({ app: 'web' }, true)).toBe('app=web');
    expect(selectorString({}, true)).toBeUndefined();
    expect(selectorString({ matchLabels: {} })).toBeUndefined();
    expect(selectorString(undefined)).toBeUndefined();
  });
});
