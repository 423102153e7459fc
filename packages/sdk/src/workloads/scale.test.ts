import { isStatusError } from '@porthole/protocol';
import { describe, expect, it } from 'vitest';
import { maxReplicas, parseReplicas } from './scale.ts';

describe('parseReplicas', () => {
  it('reads whole numbers from 0 to the int32 maximum, spaces around allowed', () => {
    expect(parseReplicas('3')).toBe(3);
    expect(parseReplicas(' 0 ')).toBe(0);
    expect(parseReplicas(7)).toBe(7);
    expect(parseReplicas(String(maxReplicas))).toBe(maxReplicas);
  });

  it.each(['-1', 'abc', '', '2.5', '1e3', '0x10', '2147483648', '99999999999999999999', '3 4', 'NaN'])(
    'refuses %j with a 422 Status naming spec.replicas',
    (input) => {
      let caught: unknown;
      try {
        parseReplicas(input, 'web');
      } catch (err) {
        caught = err;
      }
      expect(isStatusError(caught)).toBe(true);
      if (!isStatusError(caught)) return;
      expect(caught.code).toBe(422);
      expect(caught.status.reason).toBe('Invalid');
      expect(caught.status.details?.causes?.[0]?.field).toBe('spec.replicas');
      expect(caught.message).toContain('must be a whole number from 0 to 2147483647');
    },
  );
});
