import { describe, expect, it } from 'vitest';
import { encodeCloseFrame } from './websocket-close-frame.ts';

describe('encodeCloseFrame', () => {
  it('writes an unmasked close frame with the code and reason', () => {
    const frame = encodeCloseFrame(4001, 'bye');
    expect([...frame]).toEqual([0x88, 5, 0x0f, 0xa1, 0x62, 0x79, 0x65]);
  });

  it('cuts a long reason to 123 bytes without splitting a character', () => {
    const frame = encodeCloseFrame(4001, `${'a'.repeat(122)}é and more`);
    expect(frame[1]).toBe(2 + 122);
    expect(frame.subarray(4).toString('utf8')).toBe('a'.repeat(122));
    expect(encodeCloseFrame(1000, 'é'.repeat(100))[1]).toBe(2 + 122);
  });
});
