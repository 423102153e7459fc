// `npm run build` of a published package (@porthole/protocol, sdk, ui, plugin-kit): dist/ with JavaScript
// and .d.ts files, what the package's `exports` give anyone outside this repository. Inside it, the
// `porthole-source` condition resolves to src/ instead (tsconfig.base.json, vitest.shared.ts, the shell's
// rsbuild.config.ts, the backend's bin), so dist/ is only what npm publishes and what plain Node loads.
//
//   node ../../scripts/build-package.ts           tsc -p tsconfig.build.json
//   node ../../scripts/build-package.ts --solid   .d.ts by tsc, JavaScript by Babel with babel-preset-solid
//                                                 (Solid's compiled DOM output), CSS copied beside it
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

const packageDir = process.cwd();
const dist = join(packageDir, 'dist');
const solid = process.argv.includes('--solid');
const require = createRequire(join(packageDir, 'package.json'));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** `./x.ts` and `./x.tsx` in relative imports and exports become `./x.js`, as they are in dist/. */
export function rewriteRelativeExtensions(code: string): string {
  return code.replace(
    /((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]+?)\.tsx?\2/g,
    (_match, lead: string, quote: string, path: string) => `${lead}${quote}${path}.js${quote}`,
  );
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

rmSync(dist, { recursive: true, force: true });
const tsc = require.resolve('typescript/bin/tsc');
execFileSync(
  process.execPath,
  [tsc, '-p', 'tsconfig.build.json', ...(solid ? ['--emitDeclarationOnly'] : [])],
  {
    stdio: 'inherit',
  },
);

if (solid) {
  const babel = require('@babel/core') as typeof import('@babel/core');
  const src = join(packageDir, 'src');
  for (const file of filesUnder(src)) {
    const out = join(dist, relative(src, file));
    mkdirSync(dirname(out), { recursive: true });
    if (file.endsWith('.css')) cpSync(file, out);
    if (!/\.tsx?$/.test(file) || file.endsWith('.d.ts') || isTest(file)) continue;
    const result = babel.transformFileSync(file, {
      babelrc: false,
      configFile: false,
      presets: [
        [require.resolve('@babel/preset-typescript'), { isTSX: file.endsWith('.tsx'), allExtensions: true }],
        ...(file.endsWith('.tsx') ? [[require.resolve('babel-preset-solid'), { generate: 'dom' }]] : []),
      ],
    });
    writeFileSync(out.replace(/\.tsx?$/, '.js'), rewriteRelativeExtensions(result?.code ?? ''));
  }
}

// tsc rewrites the JavaScript's own imports (rewriteRelativeImportExtensions) but not the declarations'.
// Only declarations here: a JavaScript file may hold such text as data (the kit's scaffold templates).
for (const file of filesUnder(dist))
  if (file.endsWith('.d.ts')) writeFileSync(file, rewriteRelativeExtensions(readFileSync(file, 'utf8')));
