import { definePlugin } from '@porthole/sdk';

// The editor's manifest. Everything heavy (CodeMirror, yaml) is in the lazily imported pages: the portal
// reads this without loading any of it, and the build imports it in Node to write porthole-plugin.json.
const everyResource = { group: '*', kind: '*' } as const;

export default definePlugin({
  name: 'editor',
  version: '0.1.0',
  sdk: '^1.0.0',
  extensions: [
    {
      type: 'route',
      path: 'create',
      title: 'Create from YAML',
      nav: { section: 'Resources' },
      component: () => import('./pages/CreatePage.tsx'),
    },
    {
      type: 'resource.listAction',
      match: everyResource,
      label: 'Create',
      run: () => import('./actions/open-create.ts'),
    },
    {
      type: 'resource.tab',
      match: everyResource,
      title: 'YAML',
      component: () => import('./pages/YamlTab.tsx'),
    },
    {
      type: 'resource.action',
      match: everyResource,
      label: 'Edit YAML',
      component: () => import('./pages/EditYaml.tsx'),
    },
    {
      type: 'resource.action',
      match: everyResource,
      label: 'Delete',
      component: () => import('./pages/DeleteObject.tsx'),
    },
  ],
});
