import type { KubeObject } from '@porthole/sdk';
import { describe, expect, it } from 'vitest';
import { decodeSecretData, encodeSecretData } from './secret-values.ts';

const secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 's' },
  data: { password: btoa('hunter2'), greeting: 'aMOpbGxv', blob: btoa('\xff\xfe\x00') },
} as KubeObject;

describe('Secret values', () => {
  it('decodes UTF-8 values, leaves binary ones base64 and names them, and encodes back what it decoded', () => {
    const shown = decodeSecretData(secret);
    expect(shown.object.data).toEqual({ password: 'hunter2', greeting: 'héllo', blob: btoa('\xff\xfe\x00') });
    expect(shown.decoded).toEqual(['password', 'greeting']);
    expect(shown.binary).toEqual(['blob']);
    expect(secret.data).toMatchObject({ password: btoa('hunter2') });
    const edited = {
      ...shown.object,
      data: { ...(shown.object.data as object), password: 'new', added: 'x' },
    } as KubeObject;
    expect(encodeSecretData(edited, shown.binary).data).toEqual({
      password: btoa('new'),
      greeting: 'aMOpbGxv',
      blob: btoa('\xff\xfe\x00'),
      added: btoa('x'),
    });
  });
  it('leaves a Secret without data alone', () => {
    const empty = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'e' } } as KubeObject;
    expect(decodeSecretData(empty)).toEqual({ object: empty, decoded: [], binary: [] });
    expect(encodeSecretData(empty, [])).toBe(empty);
  });
});
