/** Close code Porthole sends when it ends a tunnel because its context went away (4000-4999: private use). */
export const contextRemovedCloseCode = 4001;

/** A close frame's payload is at most 125 bytes: 2 for the code, 123 for the reason. */
const maxReasonBytes = 123;

/** `reason` cut to at most 123 UTF-8 bytes without splitting a character. */
function truncateUtf8(reason: string): Buffer {
  let bytes = Buffer.from(reason, 'utf8');
  if (bytes.length <= maxReasonBytes) return bytes;
  let end = maxReasonBytes;
  // Step back over continuation bytes (10xxxxxx) so the cut lands on a character boundary.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  bytes = bytes.subarray(0, end);
  return bytes;
}

/**
 * A WebSocket close frame as a server sends it (RFC 6455 §5.5.1: FIN + opcode 8, unmasked), carrying
 * `code` and `reason` (cut to 123 UTF-8 bytes on a character boundary).
 *
 * @example
 * clientSocket.end(encodeCloseFrame(4001, 'context "prod" was removed'));
 */
export function encodeCloseFrame(code: number, reason: string): Buffer {
  const text = truncateUtf8(reason);
  const frame = Buffer.alloc(4 + text.length);
  frame[0] = 0x88;
  frame[1] = 2 + text.length;
  frame.writeUInt16BE(code, 2);
  text.copy(frame, 4);
  return frame;
}
