/** One thing "Go to anything" can open: a kind's list, another cluster (the same page there) or an object's page. */
export interface PaletteResult {
  type: 'kind' | 'cluster' | 'object';
  /** The kind's name (a kind), the cluster's, or the object's name. */
  name: string;
  /** The object's kind (`ConfigMap`); for a kind, `Kind`; for a cluster, `Cluster`. */
  kind: string;
  /** More to tell two apart, e.g. a kind's `apps/v1`. */
  detail?: string | undefined;
  namespace?: string | undefined;
  /** Where Enter goes. */
  href: string;
}

const wordStart = /[-._/:]/;

const typeOrder: Record<PaletteResult['type'], number> = { kind: 0, cluster: 1, object: 2 };

/**
 * How well `name` matches `query` (lower is better): 0 the same, 1 a prefix, 2 the start of a word
 * (after `-`, `.`, `_`, `/`, `:`), 3 anywhere; `undefined` when it does not. Case is ignored; the query is
 * plain text (no pattern).
 *
 * @example
 * matchScore('api-web-config', 'web'); // 2
 */
export function matchScore(name: string, query: string): number | undefined {
  const n = name.toLowerCase();
  const q = query.toLowerCase();
  if (n === q) return 0;
  if (n.startsWith(q)) return 1;
  let at = n.indexOf(q);
  if (at < 0) return undefined;
  while (at >= 0) {
    if (wordStart.test(n.charAt(at - 1))) return 2;
    at = n.indexOf(q, at + 1);
  }
  return 3;
}

/**
 * The results matching `query`, best first: by {@link matchScore}, then shorter names, kinds before
 * clusters before objects, then by name, kind and namespace; the same target twice is kept once. An
 * empty query offers the kinds only.
 *
 * @example
 * rankResults('web', results, 50).map((r) => r.name); // ['web', 'web-config', 'api-web', ...]
 */
export function rankResults(query: string, results: readonly PaletteResult[], limit = 50): PaletteResult[] {
  const q = query.trim();
  const seen = new Set<string>();
  const scored: { result: PaletteResult; score: number }[] = [];
  for (const result of results) {
    if (seen.has(result.href)) continue;
    const score = q === '' ? (result.type === 'kind' ? 0 : undefined) : matchScore(result.name, q);
    if (score === undefined) continue;
    seen.add(result.href);
    scored.push({ result, score });
  }
  scored.sort(
    (a, b) =>
      a.score - b.score ||
      a.result.name.length - b.result.name.length ||
      typeOrder[a.result.type] - typeOrder[b.result.type] ||
      a.result.name.localeCompare(b.result.name) ||
      a.result.kind.localeCompare(b.result.kind) ||
      (a.result.namespace ?? '').localeCompare(b.result.namespace ?? ''),
  );
  return scored.slice(0, limit).map((s) => s.result);
}
