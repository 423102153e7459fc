// Types the hot boundary (`hot-boundary.ts`) needs; it is compiled by a plugin's build, where the alias
// and `import.meta.webpackHot` exist.

declare module '@porthole-kit/plugin-module' {
  const plugin: unknown;
  export default plugin;
}

interface ImportMeta {
  /** Rspack's HMR API, present in a development build with hot updates on. */
  webpackHot?: {
    accept(dependency: string, callback: () => void): void;
    addStatusHandler(handler: (status: string) => void): void;
  };
}
