import { pluginModuleFederation } from '@module-federation/rsbuild-plugin';
import { hostSharedSingletons } from '@porthole/plugin-kit';
import { defineConfig } from '@rsbuild/core';
import { pluginBabel } from '@rsbuild/plugin-babel';
import { pluginSolid } from '@rsbuild/plugin-solid';

/** `porthole serve` on its default port, for `rsbuild dev`. */
const backend = 'http://127.0.0.1:4466';

export default defineConfig({
  plugins: [
    // Solid's JSX is compiled by babel-preset-solid, so Babel must see .tsx before SWC does.
    pluginBabel({ include: /\.(?:jsx|tsx)$/ }),
    pluginSolid(),
    pluginModuleFederation({
      name: 'porthole_shell',
      // Plugins are registered at run time from the backend's registry (src/plugins/federation.ts).
      remotes: {},
      // Fetch nothing at start-up; reuse the shared modules already loaded.
      shareStrategy: 'loaded-first',
      // Solid and the SDK exist once per page: the shell provides them, plugins bring no copy. The list
      // is the plugin kit's, so both sides share the same modules (an unlisted sub-path would be
      // bundled twice, silently).
      shared: hostSharedSingletons(import.meta.dirname),
      dts: false,
      // Plugins use the shell's federation runtime instead of each carrying a copy (about 23 KB gzip per
      // plugin entry): the runtime core through Module Federation's own provideExternalRuntime, the rest
      // from src/plugins/provide-federation-runtime.ts when the first plugin loads.
      experiments: { provideExternalRuntime: true, optimization: { disableSnapshot: true, target: 'web' } },
    }),
  ],
  source: { entry: { index: './src/index.ts' } },
  // The workspace packages (@porthole/sdk, ui, protocol) from their TypeScript sources, as tsc and vitest
  // see them; outside this repository their `exports` give dist/ ('...' keeps Rspack's own conditions).
  resolve: { conditionNames: ['porthole-source', '...'] },
  // Our own template only to say the page's language (lang="en"), which screen readers need.
  html: {
    title: 'Porthole',
    mountId: 'root',
    favicon: './src/assets/favicon.svg',
    template: './src/index.html',
  },
  // `rsbuild dev` talks to a backend started with `porthole serve` on its default port.
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/ws': { target: backend, ws: true },
      '/plugins': backend,
      '/clusters': backend,
      '/metrics': backend,
    },
  },
});
