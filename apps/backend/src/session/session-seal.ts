import { hkdfSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { EncryptJWT, jwtDecrypt } from 'jose';

/** The login modes (`--auth`). `local` has no sessions. */
export type AuthModeName = 'local' | 'token' | 'proxy' | 'oidc';

/**
 * What a session cookie carries, sealed (encrypted and authenticated): who the person is and, in the
 * token and OIDC modes, their tokens. It never reaches JavaScript (the cookie is HttpOnly) and no
 * endpoint echoes the tokens.
 */
export interface SessionPayload {
  mode: AuthModeName;
  user: string;
  groups: string[];
  /** The bearer token sent to the API server (token mode: the pasted token; OIDC: the id-token). */
  token?: string | undefined;
  /** OIDC: the refresh token. */
  refreshToken?: string | undefined;
  /** Anything else a mode needs to keep (e.g. OIDC's token expiry); plain JSON values only. */
  data?: Record<string, string | number | boolean> | undefined;
}

/** Seals and opens session cookies with the keys of `--session-secret-file`. */
export interface SessionSealer {
  /** Encrypts `payload` with the current key; the sealed value expires after `maxAgeSeconds`. */
  seal(payload: SessionPayload, maxAgeSeconds?: number): Promise<string>;
  /**
   * The payload of a sealed value, or `undefined` when it is not one of ours: tampered, forged, sealed
   * with a key no longer listed, expired, or not a session at all. Never throws.
   */
  open(sealed: string): Promise<SessionPayload | undefined>;
}

/** A session lasts this long unless the mode asks for less (8 hours, a working day). */
export const defaultSessionMaxAgeSeconds = 8 * 60 * 60;

/** The shortest secret accepted on a line of the session secret file. */
export const minSecretLength = 32;

const keyInfo = new TextEncoder().encode('porthole session cookie A256GCM v1');

/** A 256-bit AES-GCM key from one line of the secret file (HKDF-SHA256, so any long string will do). */
function deriveKey(secret: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'porthole', keyInfo, 32));
}

/**
 * The secrets of a session secret file: one per non-empty line (surrounding whitespace ignored), the
 * first is current (sealing), the others are accepted when opening (rotation: put the new key first and
 * keep the old one on the second line until every session sealed with it has expired). Throws an Error
 * naming the problem: no secret, or a secret shorter than {@link minSecretLength} characters.
 *
 * @example
 * parseSessionSecrets('new-secret-of-at-least-32-characters\nold-secret-of-at-least-32-characters\n');
 */
export function parseSessionSecrets(text: string): string[] {
  const secrets = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (secrets.length === 0) throw new Error('the session secret file holds no secret');
  secrets.forEach((secret, index) => {
    if (secret.length < minSecretLength) {
      throw new Error(
        `line ${index + 1} of the session secret file is ${secret.length} characters; ` +
          `each secret must be at least ${minSecretLength} (e.g. \`openssl rand -base64 48\`)`,
      );
    }
  });
  return secrets;
}

/**
 * Reads `--session-secret-file` (see {@link parseSessionSecrets}); rejects with a message naming the
 * file.
 *
 * @example
 * const sealer = createSessionSealer(await readSessionSecrets('/etc/porthole/session-secret'));
 */
export async function readSessionSecrets(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the session secret file ${path}: ${(err as Error).message}`);
  }
  try {
    return parseSessionSecrets(text);
  } catch (err) {
    throw new Error(`${path}: ${(err as Error).message}`);
  }
}

function isPayload(value: unknown): value is SessionPayload {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    typeof p.mode === 'string' &&
    typeof p.user === 'string' &&
    Array.isArray(p.groups) &&
    p.groups.every((g) => typeof g === 'string') &&
    (p.token === undefined || typeof p.token === 'string') &&
    (p.refreshToken === undefined || typeof p.refreshToken === 'string')
  );
}

/**
 * Creates the sealer of session cookies: a JWT encrypted as a JWE (`dir` + `A256GCM`, by `jose`) with
 * an expiry, under a key derived from each secret. Sealing uses the first secret; opening tries each in
 * turn, so a rotated key keeps the sessions of the previous one. Stateless: any replica given the same
 * secrets opens any session.
 *
 * @example
 * const sealer = createSessionSealer(['a-secret-of-at-least-32-characters!!']);
 * const cookie = await sealer.seal({ mode: 'token', user: 'viewer', groups: [], token });
 * (await sealer.open(cookie))?.user; // 'viewer'
 */
export function createSessionSealer(
  secrets: readonly string[],
  options: { now?: () => number } = {},
): SessionSealer {
  if (secrets.length === 0) throw new Error('createSessionSealer needs at least one secret');
  const keys = secrets.map(deriveKey);
  const [current] = keys as [Uint8Array, ...Uint8Array[]];
  const nowSeconds = () => Math.floor((options.now ?? Date.now)() / 1000);
  return {
    async seal(payload, maxAgeSeconds = defaultSessionMaxAgeSeconds) {
      const now = nowSeconds();
      return new EncryptJWT({ pth: payload })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setIssuedAt(now)
        .setExpirationTime(now + maxAgeSeconds)
        .encrypt(current);
    },
    async open(sealed) {
      if (sealed.length === 0 || sealed.length > 8192) return undefined;
      for (const key of keys) {
        try {
          const { payload } = await jwtDecrypt(sealed, key, {
            keyManagementAlgorithms: ['dir'],
            contentEncryptionAlgorithms: ['A256GCM'],
            currentDate: new Date(nowSeconds() * 1000),
            requiredClaims: ['exp', 'iat'],
          });
          return isPayload(payload.pth) ? payload.pth : undefined;
        } catch {
          // Wrong key, tampered, expired or malformed: try the next key; none left means refused.
        }
      }
      return undefined;
    },
  };
}
