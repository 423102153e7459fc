import type { LogBuffer, LogSearch } from '@porthole/sdk/logs';
import { stripAnsi } from '@porthole/sdk/logs';

/** Where a search matched in a buffer: the lines with matches and every match in order. */
export interface BufferMatches {
  /** Buffer indices of the lines with at least one match, in order. */
  lines: number[];
  /** Number of matches in all lines. */
  total: number;
  /** The buffer index of the line holding match `n` (0-based, in order). */
  lineOfMatch(n: number): number;
  /** Which match of its line match `n` is (0 for the first in the line). */
  occurrenceInLine(n: number): number;
}

/**
 * Runs `search` over every line of `buffer` (their plain text, ANSI removed).
 *
 * @example
 * findMatches(buffer, search).total; // 12
 */
export function findMatches(buffer: LogBuffer, search: LogSearch | undefined): BufferMatches {
  const lines: number[] = [];
  // Cumulative match count before each line of `lines`, for the nth-match lookups.
  const before: number[] = [];
  let total = 0;
  if (search) {
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.at(i);
      if (!line) continue;
      const n = search.ranges(stripAnsi(line.text)).length;
      if (n === 0) continue;
      lines.push(i);
      before.push(total);
      total += n;
    }
  }
  const slot = (n: number): number => {
    let lo = 0;
    let hi = before.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((before[mid] ?? 0) <= n) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    lines,
    total,
    lineOfMatch: (n) => lines[slot(n)] ?? -1,
    occurrenceInLine: (n) => n - (before[slot(n)] ?? 0),
  };
}
