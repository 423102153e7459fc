import { hostSharedSingletons, sharedSingletonNames } from '@porthole/plugin-kit';
import { describe, expect, it } from 'vitest';
import { sharedSingletonReport, sharedSingletons, singletonProblems } from './shared-singletons.ts';

describe('sharedSingletons', () => {
  it("is the plugin kit's list, which the shell's build shares too", () => {
    expect([...sharedSingletons]).toEqual([...sharedSingletonNames]);
    expect(Object.keys(hostSharedSingletons(new URL('../..', import.meta.url).pathname))).toEqual([
      ...sharedSingletonNames,
    ]);
  });
});

const one = (useIn: string[]) => ({ '1.9.19': { from: 'porthole_shell', loaded: true, useIn } });

describe('sharedSingletonReport', () => {
  it('lists each singleton with its registrations', () => {
    const report = sharedSingletonReport({ 'solid-js': one(['porthole_shell', 'porthole_hello']) });
    expect(report[0]).toEqual({
      name: 'solid-js',
      registrations: [
        {
          version: '1.9.19',
          from: 'porthole_shell',
          loaded: true,
          useIn: ['porthole_shell', 'porthole_hello'],
        },
      ],
    });
    expect(report.map((r) => r.name)).toEqual([
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
  });
});

describe('singletonProblems', () => {
  it('is empty when the shell provides the only copy', () => {
    const report = sharedSingletonReport({ 'solid-js': one(['porthole_shell', 'porthole_hello']) });
    expect(singletonProblems(report, 'porthole_shell', 'porthole_hello')).toEqual([]);
  });

  it('names a plugin that brought its own copy', () => {
    const report = sharedSingletonReport({
      'solid-js': {
        '1.9.19': { from: 'porthole_shell', loaded: true, useIn: ['porthole_shell'] },
        '1.9.20': { from: 'porthole_rogue', loaded: true, useIn: ['porthole_rogue'] },
      },
    });
    expect(singletonProblems(report, 'porthole_shell', 'porthole_rogue')).toEqual([
      "it brings its own solid-js 1.9.20; plugins must use the shell's (shared with import: false)",
    ]);
  });
});

describe('the SDK entries plugins share', () => {
  it('are each imported by the shell, or its build would not provide them (RUNTIME-012 in the plugin)', async () => {
    const { sdkEntriesForPlugins } = await import('./federation.ts');
    const entries = sharedSingletons.filter((name) => name.startsWith('@porthole/sdk/'));
    expect(entries.length).toBeGreaterThan(0);
    expect(Object.keys(sdkEntriesForPlugins).sort()).toEqual([...entries].sort());
  });
});
