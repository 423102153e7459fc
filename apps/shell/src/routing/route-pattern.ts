/**
 * Matches the part of a URL below `/c/{cluster}/` against a plugin route's `path` (`cronjobs`,
 * `cronjobs/:namespace/:name`): `:name` takes one segment, the rest must be equal. Returns the decoded
 * params, or `undefined` when it does not match.
 *
 * @example
 * matchRoutePattern('cronjobs/:namespace/:name', 'cronjobs/web/nightly'); // { namespace: 'web', name: 'nightly' }
 * matchRoutePattern('cronjobs', 'cronjobs/web'); // undefined
 */
export function matchRoutePattern(pattern: string, rest: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter((s) => s !== '');
  const got = rest.split('/').filter((s) => s !== '');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const segment = got[i] as string;
    let value: string;
    try {
      value = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    if (part.startsWith(':')) params[part.slice(1)] = value;
    else if (part !== value) return undefined;
  }
  return params;
}

/** The fixed start of a pattern (`cronjobs` of `cronjobs/:ns/:name`), to highlight a nav entry on its sub-pages. */
export function routePrefixOf(pattern: string): string {
  const fixed: string[] = [];
  for (const part of pattern.split('/').filter((s) => s !== '')) {
    if (part.startsWith(':')) break;
    fixed.push(part);
  }
  return fixed.join('/');
}
