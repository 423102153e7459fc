// `npm run bench`: runs every benchmark in sequence (their output passes through), gathers the issue-17
// goal lines they print (see goal-line.ts) and prints them at the end as one table. A benchmark that
// fails is named in the table too; the others still run. Asserts nothing.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { machine } from './bench-sizes.ts';
import { goalPrefix } from './goal-line.ts';
import { type GatheredGoal, goalTable, parseGoalLine } from './goal-table.ts';

/** Every benchmark, in the order `npm run bench` runs them (a file not present yet is skipped). */
export const benchmarks = [
  'proxy-list.bench.ts',
  'list-first-rows.bench.ts',
  'mux-watch.bench.ts',
  'mux-memory.bench.ts',
  'list-smooth.bench.ts',
  'mux-tab.bench.ts',
  'first-screen.bench.ts',
  'plugin-bytes.bench.ts',
  'editor.bench.ts',
  'cronjobs-list.bench.ts',
  'contexts-health.bench.ts',
  'terminal.bench.ts',
  'log-rate.bench.ts',
  'auth-sessions.bench.ts',
  'oidc-login.bench.ts',
];

/** Runs one benchmark with its output passed through; resolves with its goal lines and exit code. */
function runOne(file: string): Promise<{ goals: GatheredGoal[]; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL(file, import.meta.url))], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const goals: GatheredGoal[] = [];
    let rest = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        const goal = line.startsWith(goalPrefix) ? parseGoalLine(line, file) : undefined;
        if (goal) goals.push(goal);
      }
    });
    child.on('close', (code) => {
      const goal = rest.startsWith(goalPrefix) ? parseGoalLine(rest, file) : undefined;
      if (goal) goals.push(goal);
      resolve({ goals, code });
    });
  });
}

const only = process.argv.slice(2);
const chosen = only.length > 0 ? benchmarks.filter((b) => only.some((o) => b.startsWith(o))) : benchmarks;
const gathered: GatheredGoal[] = [];
const failed: string[] = [];
const started = new Date();
for (const file of chosen) {
  if (!existsSync(fileURLToPath(new URL(file, import.meta.url)))) {
    console.log(`\n=== ${file}: not in this tree, skipped`);
    continue;
  }
  console.log(`\n=== ${file} (${machine()})`);
  const { goals, code } = await runOne(file);
  gathered.push(...goals);
  if (code !== 0) failed.push(`${file} (exit ${code})`);
}
console.log(`\n=== issue 17 goals, ${started.toISOString()} → ${new Date().toISOString()}; ${machine()}`);
console.log(goalTable(gathered));
if (failed.length > 0)
  console.log(`\nbenchmarks that failed (their goals are missing above): ${failed.join(', ')}`);
const notMet = gathered.filter((g) => !g.met);
if (gathered.length === 0) console.log('\nno issue-17 goal was measured by the benchmarks that ran.');
else
  console.log(
    notMet.length === 0
      ? '\nevery goal measured here is met.'
      : `\n${notMet.length} figure(s) not met; docs/performance.md says where the time goes for each.`,
  );
