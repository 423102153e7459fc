/**
 * A label selector object (`spec.selector` of a workload: `matchLabels` and `matchExpressions`, or a
 * Service's plain map) as the `labelSelector` query string the API server takes. `undefined` for an
 * empty or missing selector: it would select everything, which no page here means.
 *
 * @example
 * selectorString({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] });
 * // 'app=web,tier in (a,b)'
 */
export function selectorString(selector: unknown, plainMap = false): string | undefined {
  if (typeof selector !== 'object' || selector === null) return undefined;
  const s = selector as Record<string, unknown>;
  const labels = (plainMap ? s : s.matchLabels) as Record<string, unknown> | undefined;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(labels ?? {}))
    if (typeof value === 'string') parts.push(`${key}=${value}`);
  if (!plainMap && Array.isArray(s.matchExpressions)) {
    for (const e of s.matchExpressions as Record<string, unknown>[]) {
      const key = String(e.key ?? '');
      const values = Array.isArray(e.values) ? e.values.map(String).join(',') : '';
      switch (e.operator) {
        case 'In':
          parts.push(`${key} in (${values})`);
          break;
        case 'NotIn':
          parts.push(`${key} notin (${values})`);
          break;
        case 'Exists':
          parts.push(key);
          break;
        case 'DoesNotExist':
          parts.push(`!${key}`);
          break;
      }
    }
  }
  return parts.length > 0 ? parts.join(',') : undefined;
}
