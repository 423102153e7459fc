import { describe, expect, it } from 'vitest';
import { matchRoutePattern, routePrefixOf } from './route-pattern.ts';

describe('matchRoutePattern', () => {
  it('returns the decoded params of a match', () => {
    expect(matchRoutePattern('cronjobs/:namespace/:name', 'cronjobs/web/a%2Fb')).toEqual({
      namespace: 'web',
      name: 'a/b',
    });
    expect(matchRoutePattern('hello', 'hello')).toEqual({});
  });

  it('returns undefined when lengths or fixed segments differ', () => {
    expect(matchRoutePattern('cronjobs', 'cronjobs/web')).toBeUndefined();
    expect(matchRoutePattern('cronjobs/:ns', 'jobs/web')).toBeUndefined();
    expect(matchRoutePattern('x/:p', 'x/%E0%A4%A')).toBeUndefined();
  });
});

describe('routePrefixOf', () => {
  it('is the fixed start of a pattern', () => {
    expect(routePrefixOf('cronjobs/:namespace/:name')).toBe('cronjobs');
  });
});
