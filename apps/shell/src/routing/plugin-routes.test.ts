import type { PluginContributions, PluginManifest } from '@porthole/protocol';
import { describe, expect, it } from 'vitest';
import { navSections, pluginRoutes, routeFor } from './plugin-routes.ts';

const none = {
  resourceActions: [],
  resourceListActions: [],
  resourceTabs: [],
  extensionPoints: [],
  pointExtensions: [],
};
type Routes = PluginContributions['routes'];
const plugin = (name: string, routes: Routes) =>
  ({
    status: 'ok',
    name,
    version: '1.0.0',
    sdk: '^1.0.0',
    remoteName: `porthole_${name}`,
    entry: `/plugins/${name}/remoteEntry.js`,
    integrity: `sha384-${'A'.repeat(64)}`,
    contributes: { routes, ...none },
  }) as const satisfies PluginManifest;

const manifests: PluginManifest[] = [
  plugin('cronjobs', [
    { path: 'cronjobs', title: 'CronJobs', nav: { section: 'Workloads', order: 2 } },
    { path: 'cronjobs/:namespace/:name', title: 'CronJob' },
  ]),
  plugin('jobs', [
    { path: 'cronjobs/new/:name', title: 'New', nav: { section: 'Workloads' } },
    { path: 'jobs', title: 'Jobs', nav: { section: 'Workloads', order: 1 } },
  ]),
  { status: 'error', name: 'down', error: 'unreachable' },
];

describe('pluginRoutes', () => {
  it('lists the routes of loadable plugins, keyed plugin:path', () => {
    expect(pluginRoutes(manifests).map((r) => r.key)).toEqual([
      'cronjobs:cronjobs',
      'cronjobs:cronjobs/:namespace/:name',
      'jobs:cronjobs/new/:name',
      'jobs:jobs',
    ]);
  });
});

describe('routeFor', () => {
  it('picks the route with more fixed segments, and decodes params', () => {
    const routes = pluginRoutes(manifests);
    expect(routeFor(routes, 'cronjobs/web/a%20b')).toMatchObject({
      route: { key: 'cronjobs:cronjobs/:namespace/:name' },
      params: { namespace: 'web', name: 'a b' },
    });
    expect(routeFor(routes, 'cronjobs/new/x')?.route.key).toBe('jobs:cronjobs/new/:name');
    expect(routeFor(routes, 'nothing')).toBeUndefined();
  });
});

describe('navSections', () => {
  it('groups nav routes by section, by order then title, leaving out routes with params', () => {
    expect(navSections(pluginRoutes(manifests))).toEqual([
      {
        section: 'Workloads',
        entries: [expect.objectContaining({ title: 'Jobs' }), expect.objectContaining({ title: 'CronJobs' })],
      },
    ]);
  });
});
