/** What to look for in log lines. */
export interface LogSearchOptions {
  query: string;
  /** `query` is a JavaScript regular expression (default: plain text). */
  regex?: boolean;
  /** Upper and lower case differ (default: they do not). */
  caseSensitive?: boolean;
}

/** A compiled search: the `[start, end)` ranges of every match in a text, in order. */
export interface LogSearch {
  /** Empty when the query is empty or the text has no match. */
  ranges(text: string): Array<[number, number]>;
  /** True when `text` has at least one match (false for an empty query). */
  test(text: string): boolean;
}

/** The outcome of {@link compileLogSearch}: a search, or why the query is not a valid regex. */
export type LogSearchResult = { ok: true; search: LogSearch } | { ok: false; error: string };

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compiles a search over log lines (plain text or regex, case-insensitive by default). A regex that
 * matches the empty string (`a*`) only counts non-empty matches, so a search never "finds" every
 * position. An invalid regex gives `{ ok: false, error }` with the engine's message, never a throw.
 *
 * @example
 * const result = compileLogSearch({ query: 'err(or)?', regex: true });
 * if (result.ok) result.search.ranges('Error: disk error'); // [[0, 5], [12, 17]]
 */
export function compileLogSearch(options: LogSearchOptions): LogSearchResult {
  const flags = options.caseSensitive ? 'g' : 'gi';
  let pattern: RegExp;
  try {
    pattern = new RegExp(options.regex ? options.query : escapeRegex(options.query), flags);
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  const empty = options.query === '';
  const ranges = (text: string): Array<[number, number]> => {
    if (empty) return [];
    const found: Array<[number, number]> = [];
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      if (match[0].length > 0) found.push([match.index, match.index + match[0].length]);
    }
    return found;
  };
  return {
    ok: true,
    search: {
      ranges,
      test: (text) => !empty && ranges(text).length > 0,
    },
  };
}

/** A line's text cut into runs that are or are not part of a match, for highlighting. */
export interface HighlightRun {
  text: string;
  match: boolean;
}

/**
 * Cuts `text` into alternating plain and matching runs by `ranges` (as {@link LogSearch.ranges} gives
 * them: ordered, not overlapping).
 *
 * @example
 * highlightRuns('a disk error', [[7, 12]]); // [{ text: 'a disk ', match: false }, { text: 'error', match: true }]
 */
export function highlightRuns(
  text: string,
  ranges: ReadonlyArray<readonly [number, number]>,
): HighlightRun[] {
  const runs: HighlightRun[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) runs.push({ text: text.slice(at, start), match: false });
    runs.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length || runs.length === 0) runs.push({ text: text.slice(at), match: false });
  return runs;
}
