import { definePlugin } from '@porthole/sdk';

// The contexts plugin's manifest; the page is imported lazily.
export default definePlugin({
  name: 'contexts',
  version: '0.1.0',
  sdk: '^1.0.0',
  extensions: [
    {
      type: 'route',
      path: 'contexts',
      title: 'Contexts',
      nav: { section: 'Clusters', order: 0 },
      component: () => import('./pages/ContextsPage.tsx'),
    },
  ],
});
