import type { AnsiSegment, AnsiStyle } from '@porthole/sdk/logs';

/** A run of a rendered log line: its ANSI style and whether it is part of a search match. */
export interface StyledRun {
  text: string;
  style: AnsiStyle;
  match: boolean;
}

/**
 * Lays search matches (ranges in the line's plain text, as `LogSearch.ranges` gives them) over its ANSI
 * segments: each run has one style and is wholly inside or outside a match.
 *
 * @example
 * styledRuns([{ text: 'disk error', style: { fg: 'red' } }], [[5, 10]]);
 * // [{ text: 'disk ', style: { fg: 'red' }, match: false }, { text: 'error', style: { fg: 'red' }, match: true }]
 */
export function styledRuns(
  segments: readonly AnsiSegment[],
  ranges: ReadonlyArray<readonly [number, number]>,
): StyledRun[] {
  const runs: StyledRun[] = [];
  let offset = 0;
  let r = 0;
  for (const segment of segments) {
    const end = offset + segment.text.length;
    let at = offset;
    while (at < end) {
      while (r < ranges.length && (ranges[r]?.[1] ?? 0) <= at) r++;
      const range = ranges[r];
      let next: number;
      let match: boolean;
      if (range && range[0] <= at) {
        next = Math.min(end, range[1]);
        match = true;
      } else {
        next = Math.min(end, range ? range[0] : end);
        match = false;
      }
      runs.push({ text: segment.text.slice(at - offset, next - offset), style: segment.style, match });
      at = next;
    }
    offset = end;
  }
  return runs;
}

/** Inline CSS for an ANSI style (inverse swaps the colours). */
export function ansiCss(style: AnsiStyle): Record<string, string> {
  const css: Record<string, string> = {};
  const fg = style.inverse ? style.bg : style.fg;
  const bg = style.inverse ? (style.fg ?? 'currentColor') : style.bg;
  if (fg) css.color = fg;
  if (bg) css['background-color'] = bg;
  if (style.bold) css['font-weight'] = 'bold';
  if (style.dim) css.opacity = '0.7';
  if (style.italic) css['font-style'] = 'italic';
  if (style.underline) css['text-decoration'] = 'underline';
  return css;
}

/** A colour per source (pod), stable for its name, readable on light and dark backgrounds. */
export function sourceColour(name: string): string {
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) >>> 0;
  return `hsl(${hash % 360} 65% 45%)`;
}
