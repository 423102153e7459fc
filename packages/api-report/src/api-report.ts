import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Extractor,
  ExtractorConfig,
  ExtractorLogLevel,
  type ExtractorMessage,
} from '@microsoft/api-extractor';

/** Options of {@link runApiReport}. */
export interface ApiReportOptions {
  /** The package's folder (holding `package.json` and the built `dist/`). */
  packageDir: string;
  /** Write the report instead of comparing it (`npm run api:update`). Default `false`: the CI check. */
  update?: boolean;
  /** The entry point of the package, as in its `exports` (`.`, `./testing`, ...). Default `.`. */
  subpath?: string;
  /** The `.d.ts` whose exports are the public API. Default: the entry's `types` in `package.json`. */
  entry?: string;
  /** Where the committed report lives. Default `api/` of `packageDir`. */
  reportFolder?: string;
}

/** What {@link runApiReport} found. */
export interface ApiReportResult {
  /** The check passed: the public API is the committed report (or the report was written). */
  ok: boolean;
  /** The public API differs from the committed report (in update mode: the report was rewritten). */
  changed: boolean;
  /** The committed report's path. */
  reportFile: string;
  /** API Extractor's errors and warnings, one line each. */
  problems: string[];
}

/**
 * The report's file name: the unscoped package name, and the entry point's subpath for any but the main
 * one.
 *
 * @example
 * reportFileName('@porthole/sdk'); // 'sdk.api.md'
 * reportFileName('@porthole/sdk', './testing'); // 'sdk-testing.api.md'
 */
export function reportFileName(packageName: string, subpath = '.'): string {
  const entry = subpath === '.' ? '' : `-${subpath.replace(/^\.\//, '').replaceAll('/', '-')}`;
  return `${packageName.replace(/^@[^/]+\//, '')}${entry}.api.md`;
}

/** A package.json with an `exports` map (the part the reports read). */
export interface PackageManifest {
  name: string;
  exports?: Record<string, string | { types?: string }>;
}

/**
 * The public entry points of a package: each `exports` subpath with `types` (so `./package.json` is
 * not one), and the `.d.ts` it gives.
 *
 * @example
 * publicEntries({ name: '@porthole/sdk', exports: { '.': { types: './dist/index.d.ts' } } });
 * // [{ subpath: '.', types: './dist/index.d.ts' }]
 */
export function publicEntries(manifest: PackageManifest): { subpath: string; types: string }[] {
  return Object.entries(manifest.exports ?? {}).flatMap(([subpath, target]) =>
    typeof target === 'object' && target.types ? [{ subpath, types: target.types }] : [],
  );
}

function messageLine(message: ExtractorMessage): string {
  const where = message.sourceFilePath ? `${message.sourceFilePath}:${message.sourceFileLine ?? 0}: ` : '';
  return `${where}${message.text} (${message.messageId})`;
}

/**
 * Runs API Extractor on a package's built `.d.ts` and compares its public API with the committed report
 * (`api/NAME.api.md`), or rewrites that report with `update`. The check fails when an export was
 * added, removed or changed and the report was not updated in the same change.
 *
 * @example
 * const result = await runApiReport({ packageDir: 'packages/sdk' });
 * if (!result.ok) console.error(`${result.reportFile} is out of date: npm run api:update -w @porthole/sdk`);
 */
export async function runApiReport(options: ApiReportOptions): Promise<ApiReportResult> {
  const { packageDir } = options;
  const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as PackageManifest;
  const subpath = options.subpath ?? '.';
  const types = publicEntries(manifest).find((e) => e.subpath === subpath)?.types;
  const entry = options.entry ?? (types && join(packageDir, types));
  if (!entry) throw new Error(`${manifest.name} has no entry ${subpath} with types in its exports`);
  const reportFolder = options.reportFolder ?? join(packageDir, 'api');
  const fileName = reportFileName(manifest.name, subpath);
  const reportFile = join(reportFolder, fileName);
  if (options.update) mkdirSync(reportFolder, { recursive: true });
  const temp = mkdtempSync(join(tmpdir(), 'porthole-api-report-'));
  try {
    const config = ExtractorConfig.prepare({
      configObject: {
        projectFolder: packageDir,
        // API Extractor writes CRLF by default; the repository's files are LF.
        newlineKind: 'lf',
        mainEntryPointFilePath: entry,
        // The published view: no `porthole-source` condition, so other packages are their dist/ types.
        compiler: {
          overrideTsconfig: {
            compilerOptions: {
              target: 'ES2023',
              module: 'NodeNext',
              moduleResolution: 'NodeNext',
              lib: ['ES2023', 'DOM', 'DOM.Iterable'],
              jsx: 'preserve',
              jsxImportSource: 'solid-js',
              strict: true,
              skipLibCheck: true,
              types: ['node'],
            },
          },
        },
        apiReport: {
          enabled: true,
          reportFileName: fileName,
          reportFolder,
          reportTempFolder: temp,
        },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        messages: {
          compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Error } },
          // What API Extractor notices about the API (an unexported type in a signature, ...) goes into
          // the report, so it is reviewed with the change rather than failing the build on its own.
          extractorMessageReporting: {
            default: { logLevel: ExtractorLogLevel.Warning, addToApiReportFile: true },
            'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
            // Documentation is reviewed in the code (TSDoc on public exports), not in the report.
            'ae-undocumented': { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
          },
          tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
        },
      },
      configObjectFullPath: join(packageDir, 'api-extractor.json'),
      packageJsonFullPath: join(packageDir, 'package.json'),
    });
    const problems: string[] = [];
    const result = Extractor.invoke(config, {
      localBuild: options.update ?? false,
      messageCallback: (message) => {
        // API Extractor's own "report created/changed" lines are what `changed` says.
        const fromConsole = message.messageId.startsWith('console-');
        if (
          !fromConsole &&
          (message.logLevel === ExtractorLogLevel.Error || message.logLevel === ExtractorLogLevel.Warning)
        )
          problems.push(messageLine(message));
        // Printed by the caller, once, with the fix.
        message.handled = true;
      },
    });
    return { ok: result.succeeded, changed: result.apiReportChanged, reportFile, problems };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
