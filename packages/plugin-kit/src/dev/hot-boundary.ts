// The module a plugin exposes as `./plugin` under `rsbuild dev` (see `hot-reload-plugin.ts`): the kit's
// HMR boundary. It re-exports the plugin's definePlugin module and accepts every hot update that reaches
// it (a change to that module or to anything it imports, pages included, since they are imported from
// it). Rspack re-executes the changed modules and the plugin module; then this tells the portal, which
// re-checks the new definition and re-mounts the plugin's pages and slots. An update that does not reach
// here, or fails while applying, is not accepted, and the dev client reloads the portal page instead.
// Compiled by the plugin's own build; never part of a production build.
import plugin from '@porthole-kit/plugin-module';

export { default } from '@porthole-kit/plugin-module';

/** The plugin's registry name, defined by `pluginPortholeHotReload`. */
declare const __PORTHOLE_PLUGIN_NAME__: string;

// The literal `import.meta.webpackHot.accept('...')` is what Rspack compiles into an HMR boundary; it
// re-binds `plugin` to the re-executed module's default export before the callback.
if (import.meta.webpackHot) {
  import.meta.webpackHot.accept('@porthole-kit/plugin-module', () => {});
  // Announced once an update is applied, whether or not it re-ran the plugin module: a page that failed to
  // load before the fix was not running (nothing to re-run), and still needs the re-mount.
  let applied = false;
  import.meta.webpackHot.addStatusHandler((status) => {
    if (status === 'apply') applied = true;
    else if (status === 'idle' && applied) {
      applied = false;
      // `globalThis` is the portal's window (typed as an EventTarget: the kit's types have no DOM).
      (globalThis as unknown as EventTarget).dispatchEvent(
        new CustomEvent('porthole:plugin-updated', { detail: { name: __PORTHOLE_PLUGIN_NAME__, plugin } }),
      );
    }
  });
}
