import { StatusError } from '@porthole/protocol';
import type { ResolvedContext } from '../clusters/resolved-context.ts';

/**
 * Why a credential could not be produced, in words safe to show a user (never a secret). Identity
 * sources throw it; the credential provider turns it into a 401 that names the context.
 *
 * @example
 * throw new CredentialFailure('the token file /var/run/token is empty');
 */
export class CredentialFailure extends Error {
  constructor(why: string, options?: ErrorOptions) {
    super(why, options);
    this.name = 'CredentialFailure';
  }
}

/**
 * The 401 Status a request gets when the credentials of `context` can't be produced: it names the
 * context, its user and why.
 *
 * @example
 * throw credentialError(context, 'the exec plugin "aws" exited with code 1: ...');
 * // 401 'cannot authenticate to context "prod" as user "alice": the exec plugin "aws" exited ...'
 */
export function credentialError(context: ResolvedContext, why: string): StatusError {
  const as = context.user ? ` as user "${context.user.name}"` : '';
  return StatusError.unauthorized(`cannot authenticate to context "${context.name}"${as}: ${why}`);
}

/**
 * Text from outside (a plugin's stderr, an IdP's error) made fit for a message: control characters
 * folded into spaces, whitespace trimmed, at most `max` characters.
 *
 * @example
 * boundedText('error: expired\n\n', 200); // 'error: expired'
 */
export function boundedText(text: string, max = 1000): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: folding control characters is the point
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/**
 * True when `value` can travel in an HTTP header (a token with a newline would split the request).
 *
 * @example
 * isHeaderSafe('abc'); // true
 * isHeaderSafe('abc\r\nX-Evil: 1'); // false
 */
export function isHeaderSafe(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  return value.length > 0 && !/[\u0000-\u001f\u007f]/.test(value);
}

/**
 * A bearer `Authorization` header for `token`, or a failure when the token is empty or could not be
 * sent as a header (the message never repeats the token).
 *
 * @example
 * bearerHeaders(token, 'the token of user "alice"'); // { authorization: 'Bearer ...' }
 */
export function bearerHeaders(token: string, what: string): Record<string, string> {
  if (token.length === 0) throw new CredentialFailure(`${what} is empty`);
  if (!isHeaderSafe(token))
    throw new CredentialFailure(`${what} contains characters not allowed in a header`);
  return { authorization: `Bearer ${token}` };
}
