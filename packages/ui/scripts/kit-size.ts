// Prints what @porthole/ui costs the browser: the kit's JS chunk as the shell's build shares it (from
// apps/shell/dist/mf-manifest.json) and its CSS, raw and gzip -9. Build the shell first
// (`npx turbo run build --filter=@porthole/shell`). `npm run size -w @porthole/ui`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../../../apps/shell/dist/', import.meta.url));

interface SharedEntry {
  name: string;
  assets: { js: { sync: string[]; async: string[] } };
}

const manifest = JSON.parse(readFileSync(join(dist, 'mf-manifest.json'), 'utf8')) as {
  shared: SharedEntry[];
};
const kit = manifest.shared.find((s) => s.name === '@porthole/ui');
if (!kit) {
  console.error('apps/shell/dist does not share @porthole/ui: is the shell built with hostSharedSingletons?');
  process.exit(1);
}
const js = [...kit.assets.js.sync, ...kit.assets.js.async];
// The kit's stylesheet is the CSS chunk with its classes; identical copies (one per chunk group) count once.
const cssDir = join(dist, 'static/css/async');
const css = [
  ...new Map(
    readdirSync(cssDir)
      .map((file) => ({ file: `static/css/async/${file}`, text: readFileSync(join(cssDir, file), 'utf8') }))
      .filter(({ text }) => text.includes('.pt-button') && text.includes('--pt-surface'))
      .map((entry) => [entry.text, entry.file]),
  ).values(),
];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
let raw = 0;
let gzip = 0;
for (const file of [...js, ...css]) {
  const bytes = readFileSync(join(dist, file));
  const zipped = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzip += zipped;
  console.log(`  ${file.padEnd(44)} ${kb(bytes.length).padStart(9)} raw ${kb(zipped).padStart(8)} gzip`);
}
console.log(
  `  ${'@porthole/ui (JS + CSS)'.padEnd(44)} ${kb(raw).padStart(9)} raw ${kb(gzip).padStart(8)} gzip`,
);

// The Table and its virtualiser (@tanstack/virtual-core) are chunks of their own, fetched with the first
// table, not with the kit.
const jsDir = join(dist, 'static/js/async');
for (const file of readdirSync(jsDir)) {
  const bytes = readFileSync(join(jsDir, file));
  const text = bytes.toString('utf8');
  const tableCode = text.includes('pt-table-scroll') || text.includes('getVirtualItems');
  if (js.includes(`static/js/async/${file}`) || !tableCode) continue;
  const zipped = gzipSync(bytes, { level: 9 }).length;
  const label = `+ with the first Table: static/js/async/${file}`;
  console.log(`  ${label.padEnd(44)} ${kb(bytes.length).padStart(9)} raw ${kb(zipped).padStart(8)} gzip`);
}
