import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from './fingerprint.ts';

describe('fingerprintOf', () => {
  it('is equal for equal values whatever the key order, and skips undefined fields', () => {
    const a = fingerprintOf({ a: 1, b: { c: [1, 'x'], d: true } }, 'key');
    expect(fingerprintOf({ b: { d: true, c: [1, 'x'] }, a: 1, e: undefined }, 'key')).toBe(a);
  });

  it('changes when any nested field changes', () => {
    const base = { user: { config: { token: 'a' } }, cluster: { config: { server: 'https://x' } } };
    const fp = fingerprintOf(base, 'key');
    expect(fingerprintOf({ ...base, user: { config: { token: 'b' } } }, 'key')).not.toBe(fp);
    expect(fingerprintOf({ ...base, cluster: { config: { server: 'https://y' } } }, 'key')).not.toBe(fp);
    expect(fingerprintOf({ ...base, extra: null }, 'key')).not.toBe(fp);
  });

  it('depends on the key, so it is not a plain hash of the credentials', () => {
    const value = { password: 'hunter2' };
    expect(fingerprintOf(value, 'one')).not.toBe(fingerprintOf(value, 'two'));
    const plain = createHash('sha256').update('{"password":"hunter2"}').digest('base64url');
    expect(fingerprintOf(value, 'one')).not.toBe(plain);
  });
});
