import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { checkPluginDefinition, definePlugin, sdkVersion } from './define-plugin.ts';
import { defineExtensionPoint } from './extension-point.ts';
import { matchesResource } from './extensions.ts';

const page = async () => ({ default: () => null });

describe('definePlugin', () => {
  it('marks the definition with its kind and format so the shell can check it on entry', () => {
    const plugin = definePlugin({ name: 'demo', version: '1.0.0', sdk: '^1.0.0', extensions: [] });
    expect(plugin).toMatchObject({ kind: 'porthole.plugin', apiVersion: 1, extensionPoints: [] });
    expect(checkPluginDefinition(plugin)).toEqual({ ok: true, plugin });
  });

  it('types extensions: a route needs a lazy component, an action a handler or a component', () => {
    definePlugin({
      name: 'demo',
      version: '1.0.0',
      sdk: '^1.0.0',
      extensions: [
        { type: 'route', path: 'demo', title: 'Demo', nav: { section: 'Tools' }, component: page },
        {
          type: 'resource.action',
          match: { group: 'batch', kind: 'CronJob' },
          label: 'Run',
          run: async () => ({ default: () => {} }),
        },
        { type: 'resource.tab', match: [{ group: '', kind: 'Pod' }], title: 'Logs', component: page },
        // @ts-expect-error a route without a component
        { type: 'route', path: 'x', title: 'X' },
      ],
    });
  });
});

describe('checkPluginDefinition', () => {
  it('names what arrived when it is not a plugin definition', () => {
    expect(checkPluginDefinition({ default: 1 })).toEqual({
      ok: false,
      reason: "the module's default export is not a definePlugin() result: it is an object with keys default",
    });
    expect(checkPluginDefinition(undefined)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('a undefined'),
    });
    expect(checkPluginDefinition({ kind: 'porthole.plugin', apiVersion: 2 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('format 2'),
    });
    expect(
      checkPluginDefinition({
        kind: 'porthole.plugin',
        apiVersion: 1,
        name: 'a',
        version: '1',
        sdk: '^1.0.0',
        extensions: [{}],
      }),
    ).toEqual({ ok: false, reason: 'extension 0 has no type' });
  });
});

describe('defineExtensionPoint', () => {
  it('types contributions by the point and recognises them', () => {
    const links = defineExtensionPoint<{ label: string }, 'cronjobs.job-links'>('cronjobs.job-links');
    const contribution = links.extend({ label: 'Logs' });
    expect(contribution).toEqual({ type: 'cronjobs.job-links', data: { label: 'Logs' } });
    expect(links.matches(contribution)).toBe(true);
    expect(links.matches({ type: 'other.point' })).toBe(false);
    expectTypeOf(contribution.data).toEqualTypeOf<{ label: string }>();
    // @ts-expect-error the data must match the point's type
    links.extend({ title: 'x' });
  });

  it('refuses an id without a plugin namespace', () => {
    expect(() => defineExtensionPoint('links')).toThrow(/namespaced/);
  });
});

describe('matchesResource', () => {
  it('matches by group and kind, with * for any', () => {
    expect(matchesResource({ group: 'batch', kind: 'CronJob' }, 'batch', 'CronJob')).toBe(true);
    expect(matchesResource({ group: 'batch', kind: 'CronJob' }, '', 'CronJob')).toBe(false);
    expect(matchesResource([{ group: '*', kind: 'Pod' }], '', 'Pod')).toBe(true);
    expect(matchesResource({ group: '*', kind: '*' }, 'apps', 'Deployment')).toBe(true);
  });
});

describe('sdkVersion', () => {
  it('is the version in package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(sdkVersion).toBe(pkg.version);
  });
});
