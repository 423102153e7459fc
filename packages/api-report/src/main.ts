#!/usr/bin/env node
// `npm run api -w @porthole/sdk` (the CI check) and `npm run api:update -w @porthole/sdk` (rewrite the
// report after an intended API change), in the package's folder, after its build.
import { relative } from 'node:path';
import { runApiReport } from './api-report.ts';

const update = process.argv.includes('--update');
const packageDir = process.cwd();
const result = await runApiReport({ packageDir, update });
const report = relative(packageDir, result.reportFile);
for (const problem of result.problems) console.error(`  ${problem}`);
if (update) {
  console.log(result.changed ? `api-report: wrote ${report}` : `api-report: ${report} is up to date`);
} else if (result.changed) {
  console.error(
    `api-report: the public API of this package differs from ${report}.\n` +
      '  If the change is intended, run `npm run api:update` here and commit the report with it, and bump the\n' +
      '  version by the rule in docs/api-stability.md (removed or changed export: major; new export: minor).',
  );
} else if (result.ok) {
  console.log(`api-report: ${report} matches the public API`);
}
process.exit(result.problems.length === 0 && (update || result.ok) ? 0 : 1);
