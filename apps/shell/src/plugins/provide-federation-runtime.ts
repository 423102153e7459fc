import * as federationErrorCodes from '@module-federation/error-codes';
import * as federationSdk from '@module-federation/sdk';
import { federationRuntimeGlobals } from '@porthole/plugin-kit/federation-runtime';

/**
 * Puts the shell's `@module-federation/sdk` and `@module-federation/error-codes` on the page's global
 * object under the names the kit's plugins read them from (`federationRuntimeGlobals`; the kit builds
 * plugins with them as externals), so each plugin's `remoteEntry.js` carries only its bundler glue (about
 * 8 KB gzip instead of 31 KB). The runtime core comes from Module Federation's own
 * `provideExternalRuntime`. Called by the plugin loader before the first plugin loads, so these modules
 * stay off the first screen. The kit and the shell pin the same Module Federation version. Idempotent.
 *
 * @example
 * provideFederationRuntime();
 * await instance.loadRemote('porthole_hello/plugin');
 */
export function provideFederationRuntime(target: object = globalThis): void {
  const global = target as Record<string, unknown>;
  global[federationRuntimeGlobals.sdk] ??= federationSdk;
  global[federationRuntimeGlobals.errorCodes] ??= federationErrorCodes;
}
