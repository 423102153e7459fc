import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseRegistryFile } from '@porthole/backend';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { deployDir } from './kustomize.ts';

// No container runtime on these machines: the image is not built here. What can be checked is that the
// Containerfile copies what exists (or what a build makes), into the layout `porthole serve` expects.

const repo = join(deployDir, '..');
const containerfile = readFileSync(join(deployDir, 'Containerfile'), 'utf8');
const read = <T>(path: string) => JSON.parse(readFileSync(join(repo, path), 'utf8')) as T;

interface Copy {
  from: string | undefined;
  sources: string[];
  dest: string;
}

/** The COPY instructions (continuation lines joined), with `--from=` picked out. */
function copies(text: string): Copy[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => /^COPY\s/.test(line))
    .map((line) => {
      const words = line.trim().split(/\s+/).slice(1);
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((w) => !w.startsWith('--'));
      return { from, sources: paths.slice(0, -1), dest: paths.at(-1) ?? '' };
    });
}

const buildCopies = copies(containerfile).filter((c) => c.from === 'build');
/** Repo-relative paths the runtime image takes from the build stage (`/src/` is the build's checkout). */
const fromBuild = buildCopies.flatMap((c) => c.sources.map((s) => s.replace(/^\/src\//, '')));
const builtInRegistry = parse(readFileSync(join(repo, 'plugins/registry.yaml'), 'utf8')) as {
  plugins: Record<string, { path: string }>;
  bundles: Record<string, string[]>;
};

/** True when `path` is `<workspace>/dist/` of a workspace whose build script makes it. */
function isBuildOutput(path: string): boolean {
  const match = /^(.+)\/dist\/?$/.exec(path);
  if (!match?.[1]) return false;
  const pkg = read<{ scripts?: { build?: string } }>(`${match[1]}/package.json`);
  return typeof pkg.scripts?.build === 'string';
}

describe('deploy/Containerfile', () => {
  it('copies from the build stage only paths that exist in the repo or that a workspace build makes', () => {
    expect(fromBuild.length).toBeGreaterThan(5);
    for (const path of fromBuild) {
      expect(
        existsSync(join(repo, path)) || isBuildOutput(path),
        `${path} is neither in the repo nor built`,
      ).toBe(true);
    }
  });

  it('lays /app out like the repository, where porthole serve looks for the shell and the registry', () => {
    for (const copy of buildCopies.filter((c) => c.dest !== './')) {
      const source = (copy.sources[0] ?? '').replace(/^\/src\//, '');
      // A file copied into a folder (`dest/`) keeps its name there.
      const lands =
        copy.dest.endsWith('/') && !source.endsWith('/') ? `${copy.dest}${basename(source)}` : copy.dest;
      expect(lands.replace(/\/$/, ''), source).toBe(source.replace(/\/$/, ''));
    }
    // apps/backend/src/main.ts resolves these from its own folder: ../../shell/dist and ../../../plugins/registry.yaml.
    expect(fromBuild).toEqual(expect.arrayContaining(['apps/shell/dist/', 'plugins/registry.yaml']));
  });

  it('carries every built-in plugin of plugins/registry.yaml', () => {
    for (const [name, source] of Object.entries(builtInRegistry.plugins))
      expect(fromBuild, name).toContain(`${join('plugins', source.path)}/`);
  });

  it('installs the backend with every workspace package it imports at run time, and not the plugin kit', () => {
    const backend = read<{ dependencies: Record<string, string> }>('apps/backend/package.json');
    const workspaces = Object.keys(backend.dependencies).filter((d) => d.startsWith('@porthole/'));
    expect(workspaces).toContain('@porthole/plugin-kit');
    for (const name of workspaces.filter((n) => n !== '@porthole/plugin-kit')) {
      const dir = `packages/${name.slice('@porthole/'.length)}`;
      expect(fromBuild, name).toEqual(expect.arrayContaining([`${dir}/package.json`, `${dir}/src/`]));
      expect(containerfile).toMatch(new RegExp(`'workspaces\\[\\d+\\]=${dir}'`));
    }
    expect(containerfile).toContain("npm pkg delete 'dependencies.@porthole/plugin-kit'");
  });

  it('runs as the non-root user the Deployment names, with a read-only-friendly HOME', () => {
    expect(containerfile).toMatch(/^USER 10001:10001$/m);
    expect(containerfile).toMatch(/^ENV .*HOME=\/tmp/m);
    expect(containerfile).toMatch(/^ARG NODE_IMAGE=docker\.io\/library\/node:24-bookworm-slim$/m);
    const deployment = readFileSync(join(deployDir, 'base/deployment.yaml'), 'utf8');
    expect(deployment).toMatch(/runAsUser: 10001/);
  });

  it('builds from sources only: local dependencies and builds stay out of the context', () => {
    const ignored = readFileSync(join(repo, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git']));
  });
});

describe('deploy/base/plugins.yaml (the registry ConfigMap)', () => {
  const text = readFileSync(join(deployDir, 'base/plugins.yaml'), 'utf8');

  it('is a valid registry whose bundles and groupBundles the backend accepts', () => {
    const result = parseRegistryFile('/etc/porthole/plugins/plugins.yaml', text);
    if (!result.ok) throw result.error;
    expect([...result.config.bundles.keys()]).toEqual(['default', 'readers']);
    expect(result.config.groupBundles.get('team-readers')).toBe('readers');
  });

  it('offers the built-in plugins from where the image puts them, with the same default bundle', () => {
    const result = parseRegistryFile('/etc/porthole/plugins/plugins.yaml', text);
    if (!result.ok) throw result.error;
    const dirs = [...result.config.plugins].map(([name, source]) => [
      name,
      source.kind === 'folder' && source.dir,
    ]);
    expect(dirs).toEqual(
      Object.entries(builtInRegistry.plugins).map(([name, s]) => [name, `/app/${join('plugins', s.path)}`]),
    );
    expect(result.config.bundles.get('default')).toEqual(builtInRegistry.bundles.default);
  });

  it('refuses a group mapped to a bundle that does not exist (as the backend would at start)', () => {
    const broken = text.replace('team-readers: readers', 'team-readers: nowhere');
    const result = parseRegistryFile('/etc/porthole/plugins/plugins.yaml', broken);
    expect(result.ok).toBe(false);
  });
});
