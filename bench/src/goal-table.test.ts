import { describe, expect, it } from 'vitest';
import { goalLine } from './goal-line.ts';
import { goalTable, parseGoalLine } from './goal-table.ts';

describe('parseGoalLine', () => {
  it('reads back what goalLine wrote, met or not', () => {
    const met = { goal: 4, what: 'proxy LIST / direct', figure: '1.07×', target: '≤ 1.10×', met: true };
    expect(parseGoalLine(goalLine(met), 'p.ts')).toEqual({ ...met, bench: 'p.ts' });
    const notMet = { goal: 5, what: 'mux p99', figure: '14.1 ms', target: '≤ 10 ms', met: false };
    expect(parseGoalLine(goalLine(notMet), 'm.ts')).toEqual({ ...notMet, bench: 'm.ts' });
  });

  it('keeps a what that contains the separator', () => {
    const g = { goal: 8, what: 'a | b', figure: '1', target: '≤ 2', met: true };
    expect(parseGoalLine(goalLine(g), 'x')?.what).toBe('a | b');
  });

  it('ignores lines that are not goal lines', () => {
    expect(parseGoalLine('created 10000 ConfigMaps', 'x')).toBeUndefined();
    expect(parseGoalLine('GOAL x | y | z | target 1 | met', 'x')).toBeUndefined();
    expect(parseGoalLine('GOAL 3 | y | z | 1 | met', 'x')).toBeUndefined();
    expect(parseGoalLine('GOAL 3 | y | z | target 1 | maybe', 'x')).toBeUndefined();
  });
});

describe('goalTable', () => {
  it('orders by goal and aligns the columns', () => {
    const table = goalTable([
      { goal: 5, what: 'mux', figure: '9.0 ms', target: '≤ 10 ms', met: true, bench: 'm' },
      { goal: 4, what: 'proxy LIST', figure: '1.20×', target: '≤ 1.10×', met: false, bench: 'p' },
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^goal \| what\s+\| figure \| target\s+\| met\s*$/);
    expect(lines[2]).toMatch(/^4\s+\| proxy LIST \| 1\.20×\s+\| ≤ 1\.10× \| NOT met$/);
    expect(lines[3]).toMatch(/^5\s+\| mux\s+\| 9\.0 ms \| ≤ 10 ms\s+\| met\s*$/);
    expect(new Set(lines.filter((l) => !l.startsWith('-')).map((l) => l.indexOf('|'))).size).toBe(1);
  });

  it('says so when nothing was gathered', () => {
    expect(goalTable([])).toBe('no goal lines were printed');
  });
});
