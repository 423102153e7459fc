#!/usr/bin/env node
// `npm run api -w @porthole/sdk` (the CI check) and `npm run api:update -w @porthole/sdk` (rewrite the
// report after an intended API change), in the package's folder, after its build.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type PackageManifest, publicEntries, reportFileName, runApiReport } from './api-report.ts';

const update = process.argv.includes('--update');
const packageDir = process.cwd();
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as PackageManifest;
const entries = publicEntries(manifest);
let failed = false;
for (const { subpath } of entries) {
  const result = await runApiReport({ packageDir, subpath, update });
  const report = relative(packageDir, result.reportFile);
  for (const problem of result.problems) console.error(`  ${problem}`);
  if (update) {
    console.log(result.changed ? `api-report: wrote ${report}` : `api-report: ${report} is up to date`);
  } else if (result.changed) {
    console.error(
      `api-report: the public API of ${manifest.name} (${subpath}) differs from ${report}.\n` +
        '  If the change is intended, run `npm run api:update` here and commit the report with it, and bump the\n' +
        '  version by the rule in docs/api-stability.md (removed or changed export: major; new export: minor).',
    );
  } else if (result.ok) {
    console.log(`api-report: ${report} matches the public API`);
  }
  if (result.problems.length > 0 || (!update && !result.ok)) failed = true;
}
// A report whose entry point is gone: removing a whole entry point breaks its users too.
const expected = new Set(entries.map((e) => reportFileName(manifest.name, e.subpath)));
let reports: string[] = [];
try {
  reports = readdirSync(join(packageDir, 'api')).filter((file) => file.endsWith('.api.md'));
} catch {
  // no api/ folder yet
}
for (const stale of reports.filter((file) => !expected.has(file))) {
  console.error(`api-report: api/${stale} reports an entry point that ${manifest.name} no longer exports`);
  failed = true;
}
process.exit(failed ? 1 : 0);
