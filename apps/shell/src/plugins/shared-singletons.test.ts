import { sharedSingletonNames } from '@porthole/plugin-kit';
import { describe, expect, it } from 'vitest';
import { sharedSingletonReport, singletonProblems } from './shared-singletons.ts';

const one = (useIn: string[]) => ({ '1.9.19': { from: 'porthole_shell', loaded: true, useIn } });

describe('sharedSingletonReport', () => {
  it('lists each module the shell shares with its registrations, and only those', () => {
    const report = sharedSingletonReport(
      {
        'solid-js': one(['porthole_shell', 'porthole_hello']),
        'left-pad': { '1.3.0': { from: 'porthole_hello', loaded: true, useIn: ['porthole_hello'] } },
      },
      ['solid-js', '@porthole/sdk/merge'],
    );
    expect(report).toEqual([
      {
        name: 'solid-js',
        registrations: [
          {
            version: '1.9.19',
            from: 'porthole_shell',
            loaded: true,
            useIn: ['porthole_shell', 'porthole_hello'],
          },
        ],
      },
      { name: '@porthole/sdk/merge', registrations: [] },
    ]);
  });
});

describe('singletonProblems', () => {
  it('is empty when the shell provides the only copy', () => {
    const report = sharedSingletonReport({ 'solid-js': one(['porthole_shell', 'porthole_hello']) }, [
      'solid-js',
      'solid-js/web',
    ]);
    expect(singletonProblems(report, 'porthole_shell', 'porthole_hello')).toEqual([]);
  });

  it('names a plugin that brought its own copy', () => {
    const report = sharedSingletonReport(
      {
        'solid-js': {
          '1.9.19': { from: 'porthole_shell', loaded: true, useIn: ['porthole_shell'] },
          '1.9.20': { from: 'porthole_rogue', loaded: true, useIn: ['porthole_rogue'] },
        },
      },
      ['solid-js'],
    );
    expect(singletonProblems(report, 'porthole_shell', 'porthole_rogue')).toEqual([
      "it brings its own solid-js 1.9.20; plugins must use the shell's (shared with import: false)",
    ]);
  });
});

describe('the SDK entries plugins share', () => {
  it('are each imported by the shell, or its build would not provide them (RUNTIME-012 in the plugin)', async () => {
    const { sdkEntriesForPlugins } = await import('./federation.ts');
    const entries = sharedSingletonNames.filter((name) => name.startsWith('@porthole/sdk/'));
    expect(entries.length).toBeGreaterThan(0);
    expect(Object.keys(sdkEntriesForPlugins).sort()).toEqual([...entries].sort());
  });
});
