import { describe, expect, it } from 'vitest';
import { createSessionSealer, parseSessionSecrets, type SessionPayload } from './session-seal.ts';

const current = 'current-secret-0123456789-abcdefghijklmnop';
const previous = 'previous-secret-0123456789-abcdefghijklmno';
const payload: SessionPayload = { mode: 'token', user: 'viewer', groups: ['a', 'b'], token: 'tok-123' };

describe('createSessionSealer', () => {
  it('opens what it sealed, and the sealed value does not show the token', async () => {
    const sealer = createSessionSealer([current]);
    const sealed = await sealer.seal(payload);
    expect(sealed).not.toContain('tok-123');
    expect(Buffer.from(sealed.split('.').join(''), 'base64url').toString('latin1')).not.toContain('tok-123');
    expect(await sealer.open(sealed)).toEqual(payload);
  });

  it('refuses a tampered value: each part changed by one character', async () => {
    const sealer = createSessionSealer([current]);
    const sealed = await sealer.seal(payload);
    const parts = sealed.split('.');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      if (part === '') continue;
      const flipped = [...parts];
      const middle = Math.floor(part.length / 2);
      flipped[i] = `${part.slice(0, middle)}${part[middle] === 'A' ? 'B' : 'A'}${part.slice(middle + 1)}`;
      expect(await sealer.open(flipped.join('.')), `part ${i}`).toBeUndefined();
    }
  });

  it('refuses forgeries: another key, an unencrypted JWT, junk and oversize values', async () => {
    const sealer = createSessionSealer([current]);
    const other = await createSessionSealer(['an-attackers-secret-0123456789-abcdef']).seal(payload);
    expect(await sealer.open(other)).toBeUndefined();
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ pth: payload, exp: 9e9, iat: 1 })).toString('base64url');
    expect(await sealer.open(`${header}.${body}.`)).toBeUndefined();
    for (const junk of ['', 'x', 'a.b.c.d.e', 'x'.repeat(10_000)])
      expect(await sealer.open(junk)).toBeUndefined();
  });

  it('accepts a session sealed with the previous key after rotation, and seals with the new one', async () => {
    const before = createSessionSealer([previous]);
    const sealedBefore = await before.seal(payload);
    const rotated = createSessionSealer([current, previous]);
    expect(await rotated.open(sealedBefore)).toEqual(payload);
    const sealedAfter = await rotated.seal(payload);
    expect(await createSessionSealer([current]).open(sealedAfter)).toEqual(payload);
    expect(await before.open(sealedAfter)).toBeUndefined();
    // Once the previous key is dropped, its sessions end.
    expect(await createSessionSealer([current]).open(sealedBefore)).toBeUndefined();
  });

  it('refuses an expired session', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const sealer = createSessionSealer([current], { now: () => now });
    const sealed = await sealer.seal(payload, 60);
    now += 59_000;
    expect(await sealer.open(sealed)).toEqual(payload);
    now += 2_000;
    expect(await sealer.open(sealed)).toBeUndefined();
  });
});

describe('parseSessionSecrets', () => {
  it('reads one secret per line, current first, ignoring blank lines and spaces', () => {
    expect(parseSessionSecrets(`\n  ${current}  \r\n\n${previous}\n`)).toEqual([current, previous]);
  });

  it('refuses an empty file and short secrets', () => {
    expect(() => parseSessionSecrets('\n \n')).toThrow(/holds no secret/);
    expect(() => parseSessionSecrets(`${current}\nshort\n`)).toThrow(/line 2 .* at least 32/);
  });
});
