import type { UserConfig } from '../clusters/resolved-context.ts';
import { bearerHeaders, CredentialFailure, isHeaderSafe } from './credential-failure.ts';
import type { FileReader } from './file-reader.ts';
import type { IdentitySource } from './identity.ts';

/**
 * A fixed bearer token (`token`).
 *
 * @example
 * const source = createTokenIdentity('alice', user.token);
 */
export function createTokenIdentity(userName: string, token: string): IdentitySource {
  return {
    get: async () => ({ headers: bearerHeaders(token, `the token of user "${userName}"`), renewable: false }),
    invalidate: () => {},
  };
}

/**
 * A bearer token read from `tokenFile`, re-read whenever the file changes (rotated service-account or
 * projected tokens). Renewable: after a 401 the file is read again before the retry. Like client-go, a
 * `token` also set is used while the file can't be read.
 *
 * @example
 * const source = createTokenFileIdentity('bot', '/var/run/secrets/token', createFileReader());
 */
export function createTokenFileIdentity(
  userName: string,
  path: string,
  files: FileReader,
  fallbackToken?: string,
): IdentitySource {
  return {
    async get() {
      let token: string;
      try {
        token = (await files.read(path, `token file of user "${userName}"`)).trim();
      } catch (err) {
        if (!fallbackToken) throw err;
        return { headers: bearerHeaders(fallbackToken, `the token of user "${userName}"`), renewable: true };
      }
      return { headers: bearerHeaders(token, `the token file ${path}`), renewable: true };
    },
    invalidate: () => files.forget(path),
  };
}

/**
 * HTTP basic authentication (`username`, `password`).
 *
 * @example
 * const source = createBasicIdentity('admin', { username: 'admin', password: 's3cret' });
 */
export function createBasicIdentity(userName: string, user: Pick<UserConfig, 'username' | 'password'>) {
  const pair = `${user.username ?? ''}:${user.password ?? ''}`;
  const source: IdentitySource = {
    async get() {
      if (!isHeaderSafe(pair) || (user.username ?? '').includes(':')) {
        throw new CredentialFailure(
          `the username or password of user "${userName}" is not valid for basic auth`,
        );
      }
      return {
        headers: { authorization: `Basic ${Buffer.from(pair).toString('base64')}` },
        renewable: false,
      };
    },
    invalidate: () => {},
  };
  return source;
}
