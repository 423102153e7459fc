import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicEntries, reportFileName, runApiReport } from './api-report.ts';

// The real SDK, as built (turbo builds it before this test): its dist/ copied, then edited the way a
// change to the SDK's source would change it. The copy lives inside the checkout so that its imports
// (@porthole/protocol, solid-js) resolve as the real package's do.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const sdkDir = join(repoRoot, 'packages/sdk');
let work: string;

function sdkCopy(name: string, edit: (indexDts: string) => string): string {
  const dist = join(work, name);
  cpSync(join(sdkDir, 'dist'), dist, { recursive: true });
  const index = join(dist, 'index.d.ts');
  const before = readFileSync(index, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(index, after);
  return index;
}

beforeAll(() => {
  mkdirSync(join(repoRoot, '.test-results'), { recursive: true });
  work = mkdtempSync(join(repoRoot, '.test-results', 'api-report-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('reportFileName', () => {
  it('names the report after the unscoped package name, and the subpath of any other entry point', () => {
    expect(reportFileName('@porthole/sdk')).toBe('sdk.api.md');
    expect(reportFileName('plain')).toBe('plain.api.md');
    expect(reportFileName('@porthole/sdk', './testing')).toBe('sdk-testing.api.md');
    expect(reportFileName('@porthole/plugin-kit', './a/b')).toBe('plugin-kit-a-b.api.md');
  });
});

describe('publicEntries', () => {
  it('lists the exports that have types, not ./package.json', () => {
    expect(
      publicEntries({
        name: '@porthole/sdk',
        exports: {
          '.': { types: './dist/index.d.ts' },
          './testing': { types: './dist/testing/index.d.ts' },
          './package.json': './package.json',
        },
      }),
    ).toEqual([
      { subpath: '.', types: './dist/index.d.ts' },
      { subpath: './testing', types: './dist/testing/index.d.ts' },
    ]);
  });
});

// Each API Extractor run compiles the SDK's declarations: seconds each on a busy 2-core machine.
describe('runApiReport', { timeout: 120_000 }, () => {
  it('passes when the built SDK is what its committed report says', async () => {
    const result = await runApiReport({ packageDir: sdkDir });
    expect(result).toMatchObject({ ok: true, changed: false, problems: [] });
    expect(result.reportFile).toBe(join(sdkDir, 'api/sdk.api.md'));
  });

  it('fails when an export is removed from the SDK and the report was not updated', async () => {
    const entry = sdkCopy('removed', (dts) =>
      dts.replace(
        'export { checkPluginDefinition, definePlugin, sdkVersion }',
        'export { checkPluginDefinition, sdkVersion }',
      ),
    );
    const result = await runApiReport({ packageDir: sdkDir, entry });
    expect(result).toMatchObject({ ok: false, changed: true });
  });

  it('fails when an export changes its signature', async () => {
    const entry = sdkCopy('changed', (dts) => `${dts}\nexport declare function sdkSignatureProbe(): void;\n`);
    const changed = sdkCopy(
      'changed-again',
      (dts) => `${dts}\nexport declare function sdkSignatureProbe(n: number): void;\n`,
    );
    const reportFolder = join(work, 'reports');
    // A report that includes the probe with no parameter, then the probe gains one.
    expect(await runApiReport({ packageDir: sdkDir, entry, reportFolder, update: true })).toMatchObject({
      ok: true,
      changed: true,
    });
    expect(await runApiReport({ packageDir: sdkDir, entry, reportFolder })).toMatchObject({
      ok: true,
      changed: false,
    });
    expect(await runApiReport({ packageDir: sdkDir, entry: changed, reportFolder })).toMatchObject({
      ok: false,
      changed: true,
    });
    expect(readFileSync(join(reportFolder, 'sdk.api.md'), 'utf8')).toContain(
      'export function sdkSignatureProbe(): void;',
    );
  });

  it('fails when an export is added without updating the report, and the update writes it', async () => {
    const entry = sdkCopy('added', (dts) => `${dts}\nexport declare const sdkAddedProbe = 1;\n`);
    const reportFolder = join(work, 'added-reports');
    cpSync(join(sdkDir, 'api'), reportFolder, { recursive: true });
    expect(await runApiReport({ packageDir: sdkDir, entry, reportFolder })).toMatchObject({
      ok: false,
      changed: true,
    });
    await runApiReport({ packageDir: sdkDir, entry, reportFolder, update: true });
    expect(readFileSync(join(reportFolder, 'sdk.api.md'), 'utf8')).toContain('sdkAddedProbe');
    expect(await runApiReport({ packageDir: sdkDir, entry, reportFolder })).toMatchObject({
      ok: true,
      changed: false,
    });
  });
});
