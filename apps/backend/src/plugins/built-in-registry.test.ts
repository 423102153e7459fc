import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInRegistry } from '../main.ts';
import { parseRegistryFile } from './registry-file.ts';

const pluginsDir = join(builtInRegistry, '..');

describe('the built-in registry (plugins/registry.yaml)', () => {
  it('is valid and its default bundle holds every product plugin of plugins/ (those with a build)', async () => {
    const parsed = parseRegistryFile(builtInRegistry, await readFile(builtInRegistry, 'utf8'));
    if (!parsed.ok) throw parsed.error;
    const built = readdirSync(pluginsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(pluginsDir, entry.name, 'rsbuild.config.ts')))
      .map((entry) => entry.name)
      .sort();
    expect(built).toContain('editor');
    expect([...parsed.config.plugins.keys()].sort()).toEqual(built);
    expect([...(parsed.config.bundles.get('default') ?? [])].sort()).toEqual(built);
    for (const [name, source] of parsed.config.plugins)
      expect(source).toMatchObject({ kind: 'folder', dir: join(pluginsDir, name, 'dist') });
  });
});
