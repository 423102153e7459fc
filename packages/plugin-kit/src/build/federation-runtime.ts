/**
 * The global names under which the shell puts its copy of Module Federation's `@module-federation/sdk`
 * and `@module-federation/error-codes` (its runtime plugin `provide-federation-runtime.ts`), so a
 * plugin's entry need not bundle them. The runtime core itself is Module Federation's own
 * `externalRuntime` / `provideExternalRuntime` pair (`_FEDERATION_RUNTIME_CORE`).
 */
export const federationRuntimeGlobals = {
  sdk: '_PORTHOLE_FEDERATION_SDK',
  errorCodes: '_PORTHOLE_FEDERATION_ERROR_CODES',
} as const;

/**
 * The Rsbuild `output.externals` of a plugin that uses the page's federation runtime: the two modules
 * the bundler glue still imports, read from the globals the shell provides.
 *
 * @example
 * federationRuntimeExternals()['@module-federation/sdk']; // 'global _PORTHOLE_FEDERATION_SDK'
 */
export function federationRuntimeExternals(): Record<string, string> {
  return {
    '@module-federation/sdk': `global ${federationRuntimeGlobals.sdk}`,
    '@module-federation/error-codes': `global ${federationRuntimeGlobals.errorCodes}`,
  };
}
