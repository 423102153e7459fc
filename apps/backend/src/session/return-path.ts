/**
 * `value` when it is a same-origin path Porthole may redirect to after login, else `fallback`. Refused:
 * anything not starting with a single `/` (schemes, `//host`, `/\host`), backslashes, control characters
 * and whitespace anywhere (browsers strip tabs and newlines from URLs, turning `/\t/host` into
 * `//host`), and paths longer than 2 KiB. Open redirects are what this prevents.
 *
 * @example
 * safeReturnPath('/c/prod/pods?ns=a'); // '/c/prod/pods?ns=a'
 * safeReturnPath('//evil.example/'); // '/'
 * safeReturnPath('https://evil.example/'); // '/'
 */
export function safeReturnPath(value: string | null | undefined, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith('/') || value.startsWith('//')) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\\\s\u0000-\u001f\u007f]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, 'http://porthole.invalid');
  } catch {
    return fallback;
  }
  if (url.origin !== 'http://porthole.invalid') return fallback;
  // Dot segments are resolved: `/..//evil.example` becomes `//evil.example`, a host again.
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') ? fallback : path;
}
