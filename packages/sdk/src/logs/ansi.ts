/** The style of a run of text, from ANSI SGR escapes (`ESC[...m`). Colours are CSS colour strings. */
export interface AnsiStyle {
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

/** A run of text with one style. */
export interface AnsiSegment {
  text: string;
  style: AnsiStyle;
}

// The 16 basic colours (xterm's defaults), indexed 0-15.
const basic = [
  '#000000',
  '#cd0000',
  '#00cd00',
  '#cdcd00',
  '#0000ee',
  '#cd00cd',
  '#00cdcd',
  '#e5e5e5',
  '#7f7f7f',
  '#ff0000',
  '#00ff00',
  '#ffff00',
  '#5c5cff',
  '#ff00ff',
  '#00ffff',
  '#ffffff',
];

/** The xterm 256-colour palette entry `n` as a CSS colour. */
function color256(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 255) return undefined;
  if (n < 16) return basic[n];
  if (n >= 232) {
    const level = 8 + (n - 232) * 10;
    return `rgb(${level},${level},${level})`;
  }
  const i = n - 16;
  const steps = [0, 95, 135, 175, 215, 255];
  return `rgb(${steps[Math.floor(i / 36)]},${steps[Math.floor(i / 6) % 6]},${steps[i % 6]})`;
}

function byte(n: number | undefined): number | undefined {
  return n !== undefined && Number.isInteger(n) && n >= 0 && n <= 255 ? n : undefined;
}

/** Applies one SGR parameter list to `style`, returning the new style. Unknown codes are ignored. */
function applySgr(style: AnsiStyle, params: number[]): AnsiStyle {
  let next: AnsiStyle = { ...style };
  for (let i = 0; i < params.length; i++) {
    const p = params[i] ?? 0;
    if (p === 0) next = {};
    else if (p === 1) next.bold = true;
    else if (p === 2) next.dim = true;
    else if (p === 3) next.italic = true;
    else if (p === 4) next.underline = true;
    else if (p === 7) next.inverse = true;
    else if (p === 22) {
      delete next.bold;
      delete next.dim;
    } else if (p === 23) delete next.italic;
    else if (p === 24) delete next.underline;
    else if (p === 27) delete next.inverse;
    else if (p >= 30 && p <= 37) next.fg = basic[p - 30];
    else if (p >= 90 && p <= 97) next.fg = basic[p - 90 + 8];
    else if (p === 39) delete next.fg;
    else if (p >= 40 && p <= 47) next.bg = basic[p - 40];
    else if (p >= 100 && p <= 107) next.bg = basic[p - 100 + 8];
    else if (p === 49) delete next.bg;
    else if (p === 38 || p === 48) {
      const key = p === 38 ? 'fg' : 'bg';
      let colour: string | undefined;
      if (params[i + 1] === 5) {
        colour = color256(params[i + 2] ?? -1);
        i += 2;
      } else if (params[i + 1] === 2) {
        const [r, g, b] = [byte(params[i + 2]), byte(params[i + 3]), byte(params[i + 4])];
        if (r !== undefined && g !== undefined && b !== undefined) colour = `rgb(${r},${g},${b})`;
        i += 4;
      }
      if (colour) next[key] = colour;
    }
  }
  return next;
}

// CSI sequences (ESC [ params final), OSC sequences (ESC ] ... BEL or ESC \), and other two-byte escapes.
const escapePattern =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are control characters
  /\u001b\[([0-9;:?]*)([@-~]|$)|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]?/g;

/**
 * Splits a log line into styled runs by its ANSI SGR escapes (16, 256 and 24-bit colours, bold, dim,
 * italic, underline, inverse). Every other escape (cursor moves, OSC titles, ...) is removed, so the
 * text is exactly what a terminal would print on a line. `initial` carries a style over from the end of
 * the previous line; pass the last segment's style to continue it.
 *
 * @example
 * parseAnsi('\u001b[31merror\u001b[0m: disk full');
 * // [{ text: 'error', style: { fg: '#cd0000' } }, { text: ': disk full', style: {} }]
 */
export function parseAnsi(text: string, initial: AnsiStyle = {}): AnsiSegment[] {
  const segments: AnsiSegment[] = [];
  let style = initial;
  let at = 0;
  const push = (part: string) => {
    if (!part) return;
    const last = segments[segments.length - 1];
    if (last && last.style === style) last.text += part;
    else segments.push({ text: part, style });
  };
  if (!text.includes('\u001b')) return text ? [{ text, style }] : [];
  for (const match of text.matchAll(escapePattern)) {
    push(text.slice(at, match.index));
    at = match.index + match[0].length;
    if (match[2] === 'm') {
      const params = (match[1] ?? '').split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
      style = applySgr(style, params);
    }
  }
  push(text.slice(at));
  return segments;
}

/**
 * The text of a line without its ANSI escapes: what search and downloads of "plain text" use.
 *
 * @example
 * stripAnsi('\u001b[1;32mok\u001b[0m'); // 'ok'
 */
export function stripAnsi(text: string): string {
  return text.includes('\u001b') ? text.replace(escapePattern, '') : text;
}
