import satisfies from 'semver/functions/satisfies.js';
import validRange from 'semver/ranges/valid.js';

/**
 * Why a plugin built for `range` can't run on the shell's SDK `version`, or `undefined` when it can.
 * Loaded lazily (with the semver code) the first time a plugin is loaded.
 *
 * @example
 * sdkMismatch('^0.2.0', '0.1.0'); // 'needs @porthole/sdk ^0.2.0; this shell provides 0.1.0'
 */
export function sdkMismatch(range: string, version: string): string | undefined {
  if (validRange(range) === null) return `its sdk range ${JSON.stringify(range)} is not a semver range`;
  if (satisfies(version, range)) return undefined;
  return `needs @porthole/sdk ${range}; this shell provides ${version}`;
}
