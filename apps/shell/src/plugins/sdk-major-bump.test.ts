// Acceptance: a plugin built against the portal's SDK (`sdk: ^MAJOR.x` as the kit's scaffold writes it)
// is refused, with the reason, by a shell whose SDK is the next major, and accepted by this major. The
// versions come from packages/sdk/package.json, so the test follows a real bump (at SDK 1.0.0: a plugin
// for ^1.0.0 is refused by 2.0.0 and accepted by 1.x).

import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { pluginMetadataOf, pluginTemplate, readPluginDefinition } from '@porthole/plugin-kit';
import type { PluginManifest, PluginMetadata } from '@porthole/protocol';
import { sdkVersion } from '@porthole/sdk';
import semverInc from 'semver/functions/inc.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteLoader } from './federation.ts';
import { createPluginLoader } from './plugin-loader.ts';
import { sdkMismatch } from './sdk-range.ts';
import { sharedSingletonReport } from './shared-singletons.ts';

const shellDir = fileURLToPath(new URL('../..', import.meta.url));
const versionOf = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
/** The SDK version as its package.json says: what a real release bump changes. */
const packageVersion = versionOf(join(shellDir, '../../packages/sdk/package.json'));
const nextMajor = semverInc(packageVersion, 'major') ?? '';
const nextPatch = semverInc(packageVersion, 'patch') ?? '';
// From 1.0.0 on a minor is compatible (^1.0.0 takes 1.1.0); below it, ^0.1.0 takes only 0.1.x.
const sameMajor = packageVersion.startsWith('0.')
  ? [packageVersion, nextPatch]
  : [packageVersion, nextPatch, semverInc(packageVersion, 'minor') ?? ''];

let root: string;
let metadata: PluginMetadata;
let definition: unknown;

beforeAll(async () => {
  // Inside the checkout, so the scaffolded plugin resolves this @porthole/sdk as a built plugin would.
  // (.test-results/ is git-ignored; not node_modules/, where Node refuses to strip TypeScript types.)
  await mkdir(join(shellDir, '.test-results'), { recursive: true });
  root = await mkdtemp(join(shellDir, '.test-results/sdk-bump-'));
  const files = pluginTemplate({
    name: 'bumped',
    title: 'Bumped',
    versions: { sdk: packageVersion, solid: '1.9.19', kit: packageVersion, ui: packageVersion },
  });
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  // What the kit's build writes into dist/porthole-plugin.json, read the way the build reads it.
  const read = await readPluginDefinition(root, join(root, 'src/plugin.ts'));
  const result = pluginMetadataOf('bumped', read);
  if (!result.ok) throw new Error(result.reason);
  metadata = result.metadata;
  definition = ((await import(pathToFileURL(join(root, 'src/plugin.ts')).href)) as { default: unknown })
    .default;
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function manifestOf(m: PluginMetadata): PluginManifest {
  return {
    status: 'ok',
    name: m.name,
    version: m.version,
    sdk: m.sdk,
    remoteName: m.remoteName,
    entry: `/plugins/${m.name}/${m.entry}`,
    dev: true,
    contributes: m.contributes,
  };
}

/** A shell's loader with SDK `version`; Module Federation's side hands over the plugin's real module. */
function shellWithSdk(version: string) {
  const remotes: RemoteLoader = {
    hostName: 'porthole_shell',
    loadPlugin: async () => ({ default: definition }),
    sharedReport: () =>
      sharedSingletonReport(
        {
          'solid-js': { '1.9.19': { from: 'porthole_shell', loaded: true, useIn: ['porthole_shell'] } },
        },
        ['solid-js'],
      ),
    solidIsShells: () => true,
  };
  return createPluginLoader({
    sdkVersion: version,
    fetch: async () => new Response(''),
    remotes: async () => remotes,
    sdkMismatch: async () => sdkMismatch,
  });
}

describe('the sdk range across a major bump', () => {
  it('the shell provides the SDK version of packages/sdk/package.json, and the kit builds plugins for its major', () => {
    expect(sdkVersion).toBe(packageVersion);
    expect(metadata.sdk).toBe(`^${packageVersion}`);
  });

  it('a shell on the next major SDK refuses the plugin and says why', async () => {
    const result = await shellWithSdk(nextMajor).load(manifestOf(metadata));
    expect(result).toEqual({
      status: 'failed',
      name: 'bumped',
      version: '0.1.0',
      kind: 'incompatible-sdk',
      reason: `needs @porthole/sdk ^${packageVersion}; this shell provides ${nextMajor}`,
    });
  });

  it('a shell on this major (this version, a later patch or minor) loads it', async () => {
    for (const version of sameMajor) {
      const result = await shellWithSdk(version).load(manifestOf(metadata));
      expect(result).toMatchObject({
        status: 'loaded',
        name: 'bumped',
        plugin: { sdk: `^${packageVersion}` },
      });
    }
  });
});
