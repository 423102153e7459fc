import { describe, expect, it } from 'vitest';
import { pluginMetadataOf } from './plugin-metadata.ts';

const contributes = {
  routes: [],
  resourceActions: [],
  resourceListActions: [],
  resourceTabs: [],
  extensionPoints: [],
  pointExtensions: [],
};

describe('pluginMetadataOf', () => {
  it('describes the remote: container name, stable entry, what the definition says', () => {
    const result = pluginMetadataOf('team-billing', {
      ok: true,
      name: 'team-billing',
      version: '1.2.0',
      sdk: '^1.0.0',
      contributes,
    });
    expect(result).toEqual({
      ok: true,
      metadata: {
        schemaVersion: 1,
        name: 'team-billing',
        version: '1.2.0',
        sdk: '^1.0.0',
        remoteName: 'porthole_team_billing',
        entry: 'remoteEntry.js',
        contributes,
      },
    });
  });

  it('refuses a definition named differently from the build', () => {
    const result = pluginMetadataOf('hello', {
      ok: true,
      name: 'hullo',
      version: '1.0.0',
      sdk: '^1.0.0',
      contributes,
    });
    expect(!result.ok && result.reason).toContain(
      'names the plugin "hullo" but rsbuild.config.ts builds "hello"',
    );
  });

  it('names each field the metadata schema refuses', () => {
    const result = pluginMetadataOf('hello', {
      ok: true,
      name: 'hello',
      version: 'one',
      sdk: '^1.0.0',
      contributes,
    });
    expect(!result.ok && result.reason).toContain('version: must be a semantic version');
  });

  it('passes on why the definition could not be read', () => {
    expect(pluginMetadataOf('hello', { ok: false, reason: 'boom' })).toEqual({ ok: false, reason: 'boom' });
  });
});
