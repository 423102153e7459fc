// Reading the goal lines back (goal-line.ts writes them) and setting them as one table.
import { goalPrefix } from './goal-line.ts';

/** One goal line as `npm run bench` gathered it, with the benchmark that printed it. */
export interface GatheredGoal {
  goal: number;
  what: string;
  figure: string;
  target: string;
  met: boolean;
  bench: string;
}

/**
 * Parses a line printed by `printGoal`, or `undefined` when it is not one.
 *
 * @example
 * parseGoalLine('GOAL 4 | proxy LIST / direct | 1.07× | target ≤ 1.10× | met', 'proxy-list.bench.ts');
 * // { goal: 4, what: 'proxy LIST / direct', figure: '1.07×', target: '≤ 1.10×', met: true, bench: 'proxy-list.bench.ts' }
 */
export function parseGoalLine(line: string, bench: string): GatheredGoal | undefined {
  if (!line.startsWith(goalPrefix)) return undefined;
  const parts = line.slice(goalPrefix.length).split(' | ');
  if (parts.length < 5) return undefined;
  const [goal, ...middle] = parts;
  const met = middle.pop();
  const target = middle.pop();
  const figure = middle.pop();
  const number = Number(goal);
  if (!Number.isInteger(number) || !target?.startsWith('target ') || figure === undefined) return undefined;
  if (met !== 'met' && met !== 'NOT met') return undefined;
  // `what` may itself hold ' | ': everything between the goal number and the figure.
  return {
    goal: number,
    what: middle.join(' | '),
    figure,
    target: target.slice(7),
    met: met === 'met',
    bench,
  };
}

/**
 * The gathered goals as a plain-text table, ordered by goal number (stable within one goal).
 *
 * @example
 * console.log(goalTable(gathered));
 */
export function goalTable(goals: readonly GatheredGoal[]): string {
  const rows = [...goals]
    .map((g, i) => ({ g, i }))
    .sort((a, b) => a.g.goal - b.g.goal || a.i - b.i)
    .map(({ g }) => [String(g.goal), g.what, g.figure, g.target, g.met ? 'met' : 'NOT met']);
  const header = ['goal', 'what', 'figure', 'target', 'met'];
  if (rows.length === 0) return 'no goal lines were printed';
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}
