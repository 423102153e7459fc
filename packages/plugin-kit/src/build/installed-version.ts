import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The version of `pkg` as the plugin at `root` resolves it. Finds the package's `package.json` from its
 * main entry when the package's `exports` map doesn't export `./package.json`.
 *
 * @example
 * installedVersion('/work/plugins/hello', 'solid-js'); // '1.9.19'
 */
export function installedVersion(root: string, pkg: string): string {
  const require = createRequire(join(root, 'package.json'));
  try {
    // Packages that export their package.json (the Porthole packages do): no need for a built entry.
    const manifest = require(`${pkg}/package.json`) as { name?: string; version?: unknown };
    if (manifest.name === pkg && typeof manifest.version === 'string') return manifest.version;
  } catch {
    // not exported (or not installed): find it from the main entry below
  }
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch (err) {
    throw new Error(
      `${pkg} is not installed where the plugin at ${root} can resolve it: add it to the plugin's dependencies ` +
        `(or keep the plugin inside the Porthole checkout, e.g. plugins/NAME)`,
      { cause: err },
    );
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === pkg && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // no package.json here: keep walking up
    }
  }
  throw new Error(`cannot find the package.json of ${pkg} above ${entry}`);
}
