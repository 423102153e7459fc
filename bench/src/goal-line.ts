// One line per issue-17 goal, printed the same way by every benchmark that measures one, so `npm run bench`
// can gather them into the closing table. A benchmark prints; it never asserts.

/** What a benchmark measured for one goal of issue 17 ("Big clusters feel small"). */
export interface GoalFigure {
  /** The goal's number in issue 17 (1–8), e.g. `4`. */
  goal: number;
  /** What was measured, e.g. `proxy LIST 10,000 ConfigMaps / direct`. */
  what: string;
  /** The figure as a person reads it, e.g. `1.07×`. */
  figure: string;
  /** The target as a person reads it, e.g. `≤ 1.10×`. */
  target: string;
  /** Whether the figure meets the target. */
  met: boolean;
}

/** The prefix `npm run bench` looks for in each benchmark's output. */
export const goalPrefix = 'GOAL ';

/**
 * Formats one goal's figure as the single line `npm run bench` collects.
 *
 * @example
 * goalLine({ goal: 4, what: 'proxy LIST / direct', figure: '1.07×', target: '≤ 1.10×', met: true });
 * // 'GOAL 4 | proxy LIST / direct | 1.07× | target ≤ 1.10× | met'
 */
export function goalLine(g: GoalFigure): string {
  return `${goalPrefix}${g.goal} | ${g.what} | ${g.figure} | target ${g.target} | ${g.met ? 'met' : 'NOT met'}`;
}

/**
 * Prints one goal's figure (see {@link goalLine}).
 *
 * @example
 * printGoal({ goal: 6, what: 'first screen JS+CSS gzip', figure: '99.1 KB', target: '≤ 100 KB', met: true });
 */
export function printGoal(g: GoalFigure): void {
  console.log(goalLine(g));
}
