import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { remoteNameOf } from './remote-name.ts';
import {
  hostSharedSingletons,
  sharedSingletonNames,
  sharedSingletons,
  sharedSingletonsFor,
} from './shared-singletons.ts';

describe('sharedSingletons', () => {
  it('shares Solid (each sub-path), the SDK and the UI kit as strict singletons with no copy in the plugin', () => {
    const shared = sharedSingletons({
      'solid-js': '1.9.19',
      '@porthole/sdk': '0.1.0',
      '@porthole/ui': '0.2.0',
    });
    expect(Object.keys(shared)).toEqual([
      'solid-js',
      'solid-js/web',
      'solid-js/store',
      '@porthole/sdk',
      '@porthole/sdk/merge',
      '@porthole/sdk/logs',
      '@porthole/sdk/workloads',
      '@porthole/sdk/schema',
      '@porthole/ui',
    ]);
    expect(shared['@porthole/ui']).toEqual({
      singleton: true,
      strictVersion: true,
      requiredVersion: '^0.2.0',
      import: false,
    });
    expect(shared['solid-js/store']).toEqual({
      singleton: true,
      strictVersion: true,
      requiredVersion: '^1.9.19',
      import: false,
    });
    expect(shared['@porthole/sdk'].requiredVersion).toBe('^0.1.0');
  });

  it('reads the versions installed for the plugin, including packages that export no package.json', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const shared = sharedSingletonsFor(root);
    expect(shared['solid-js'].requiredVersion).toMatch(/^\^1\.9\.\d+$/);
    expect(shared['@porthole/sdk'].requiredVersion).toMatch(/^\^\d+\.\d+\.\d+$/);
    expect(shared['@porthole/ui'].requiredVersion).toMatch(/^\^\d+\.\d+\.\d+$/);
  });
});

describe('sharedSingletonNames', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));

  it('lists every entry of the SDK a plugin runs on (all but ./testing), or a plugin would bundle it twice', () => {
    const sdk = createRequire(`${root}package.json`)('@porthole/sdk/package.json') as {
      exports: Record<string, unknown>;
    };
    const entries = Object.keys(sdk.exports)
      .filter((entry) => entry !== './package.json' && entry !== './testing')
      .map((entry) => (entry === '.' ? '@porthole/sdk' : `@porthole/sdk/${entry.slice(2)}`));
    expect(entries.length).toBeGreaterThan(1);
    expect(sharedSingletonNames.filter((name) => name.startsWith('@porthole/sdk'))).toEqual(entries);
  });

  it("gives the shell each module in its package's installed version", () => {
    const host = hostSharedSingletons(root);
    expect(Object.keys(host)).toEqual([...sharedSingletonNames]);
    expect(host['@porthole/sdk/merge']).toEqual(host['@porthole/sdk']);
    expect(host['solid-js/store']).toEqual(host['solid-js']);
    expect(host['@porthole/ui'].requiredVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(host['solid-js'].requiredVersion).not.toBe(host['@porthole/sdk'].requiredVersion);
  });
});

describe('remoteNameOf', () => {
  it('makes a JavaScript identifier of the plugin name', () => {
    expect(remoteNameOf('team-billing')).toBe('porthole_team_billing');
  });
});
