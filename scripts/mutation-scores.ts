// Prints the mutation score of each module (folder) and file from StrykerJS JSON reports:
// `node scripts/mutation-scores.ts apps/backend/.stryker/mutation.json ...`. Score = (killed + timed out)
// / (every mutant but compile and runtime errors); "of covered" leaves out the mutants no test reaches.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

interface Report {
  files: Record<string, { mutants: { status: string }[] }>;
}

interface Tally {
  detected: number;
  survived: number;
  noCoverage: number;
}

const add = (into: Tally, statuses: string[]) => {
  for (const status of statuses) {
    if (status === 'Killed' || status === 'Timeout') into.detected++;
    else if (status === 'Survived') into.survived++;
    else if (status === 'NoCoverage') into.noCoverage++;
  }
};
const percent = (n: number, d: number) => (d === 0 ? '   n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const row = (name: string, t: Tally) => {
  const valid = t.detected + t.survived + t.noCoverage;
  return `${name.padEnd(52)} ${percent(t.detected, valid)}  ${percent(t.detected, valid - t.noCoverage)}  ${String(t.survived).padStart(8)}  ${String(t.noCoverage).padStart(6)}`;
};

console.log(`${'module / file'.padEnd(52)}  score  of covered  survived  no cov`);
for (const path of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(path, 'utf8')) as Report;
  const packageDir = dirname(dirname(resolve(path)));
  const modules = new Map<string, Map<string, Tally>>();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const name = relative(process.cwd(), resolve(packageDir, file));
    const files = modules.get(dirname(name)) ?? new Map<string, Tally>();
    const tally = files.get(name) ?? { detected: 0, survived: 0, noCoverage: 0 };
    add(
      tally,
      mutants.map((m) => m.status),
    );
    modules.set(dirname(name), files.set(name, tally));
  }
  for (const [module, files] of [...modules].sort()) {
    const total: Tally = { detected: 0, survived: 0, noCoverage: 0 };
    for (const t of files.values()) {
      total.detected += t.detected;
      total.survived += t.survived;
      total.noCoverage += t.noCoverage;
    }
    console.log(row(`${module}/`, total));
    for (const [file, t] of [...files].sort()) console.log(row(`  ${file.slice(module.length + 1)}`, t));
  }
}
