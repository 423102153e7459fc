/** A Kubernetes `LabelSelector` (`spec.selector` of a Deployment, ReplicaSet, StatefulSet, DaemonSet, Job). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/**
 * The `labelSelector` query string of a LabelSelector (a Service's plain selector map goes in as
 * `{ matchLabels }`), or `undefined` when it would select everything or nothing certain: no selector,
 * an empty one, or an unknown operator. A page about a workload's pods must never widen to every pod.
 *
 * @example
 * selectorString({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] });
 * // 'app=web,tier in (a,b)'
 */
export function selectorString(selector: LabelSelector | undefined | null): string | undefined {
  if (typeof selector !== 'object' || selector === null) return undefined;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    if (typeof value === 'string') parts.push(`${key}=${value}`);
  for (const e of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    const values = (Array.isArray(e.values) ? e.values : []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else return undefined;
  }
  return parts.length > 0 ? parts.join(',') : undefined;
}
