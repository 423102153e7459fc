import { describe, expect, it } from 'vitest';
import { summarisePlugin } from './plugin-contributions.ts';

const lazy = async () => ({ default: () => null });
const base = { name: 'demo', version: '1.0.0', sdk: '^1.0.0' };

describe('summarisePlugin', () => {
  it('lists routes with nav, actions and tabs with their matchers as lists, and extension points', () => {
    const result = summarisePlugin({
      ...base,
      extensions: [
        { type: 'route', path: 'demo', title: 'Demo', nav: { section: 'Tools', order: 2 }, component: lazy },
        { type: 'route', path: 'demo/:name', title: 'Detail', component: lazy },
        { type: 'resource.action', match: { group: 'batch', kind: 'CronJob' }, label: 'Run', run: lazy },
        { type: 'resource.tab', match: [{ group: '', kind: 'Pod' }], title: 'Logs', component: lazy },
        { type: 'resource.listAction', match: { group: '*', kind: '*' }, label: 'Create', run: lazy },
        { type: 'cronjobs.job-links', data: { label: 'x' } },
        { type: 'cronjobs.job-links', data: { label: 'y' } },
      ],
      extensionPoints: [{ id: 'demo.panels' }],
    });
    expect(result).toEqual({
      ok: true,
      contributes: {
        routes: [
          { path: 'demo', title: 'Demo', nav: { section: 'Tools', order: 2 } },
          { path: 'demo/:name', title: 'Detail' },
        ],
        resourceActions: [{ match: [{ group: 'batch', kind: 'CronJob' }], label: 'Run' }],
        resourceListActions: [{ match: [{ group: '*', kind: '*' }], label: 'Create' }],
        resourceTabs: [{ match: [{ group: '', kind: 'Pod' }], title: 'Logs' }],
        extensionPoints: ['demo.panels'],
        pointExtensions: ['cronjobs.job-links'],
      },
    });
  });

  it('reports every problem the shell would only meet at run time, naming the extension', () => {
    const result = summarisePlugin({
      ...base,
      extensions: [
        { type: 'route', path: '', title: 'No path', component: lazy },
        { type: 'route', path: 'eager', title: 'Eager', component: 'PodsPage' },
        { type: 'resource.action', match: { group: 'apps' }, label: 'Scale', run: lazy },
        { type: 'resource.tab', match: { group: '', kind: 'Pod' }, title: 'Tab' },
        { type: 'widget' },
        { type: 'resource.listAction', match: { group: '*', kind: '*' }, label: '', component: lazy },
      ],
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      'extension 0 (route): a route needs a path',
      "extension 1 (route): component must be a lazy import, e.g. () => import('./pages/Page.tsx')",
      'extension 2 (resource.action): match must be { group, kind } or a list of them',
      "extension 3 (resource.tab): its code must be a lazy import () => import('...')",
      'extension 4 (widget): "widget" is neither a shell extension type nor a namespaced extension point id',
      'extension 5 (resource.listAction): needs a label',
    ]);
  });
});
