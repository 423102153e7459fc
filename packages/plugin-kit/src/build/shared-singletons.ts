import { installedVersion } from './installed-version.ts';

/**
 * The modules every plugin takes from the shell: one Solid, one SDK (with its lazily loaded entries) and
 * one component kit per page.
 */
export const sharedSingletonNames = [
  'solid-js',
  'solid-js/web',
  'solid-js/store',
  '@porthole/sdk',
  '@porthole/sdk/merge',
  '@porthole/sdk/logs',
  '@porthole/sdk/workloads',
  '@porthole/sdk/schema',
  '@porthole/ui',
] as const;

/** The packages the shared modules come from; a module's version is its package's. */
type SharedPackage = 'solid-js' | '@porthole/sdk' | '@porthole/ui';

/** The package of a shared module: `solid-js/web` → `solid-js`, `@porthole/sdk/merge` → `@porthole/sdk`. */
function packageOf(name: (typeof sharedSingletonNames)[number]): SharedPackage {
  const segments = name.split('/');
  return segments.slice(0, name.startsWith('@') ? 2 : 1).join('/') as SharedPackage;
}

/** `entryOf(package)` for each shared module. */
function forEachSingleton<T>(
  entryOf: (pkg: SharedPackage) => T,
): Record<(typeof sharedSingletonNames)[number], T> {
  return Object.fromEntries(sharedSingletonNames.map((name) => [name, entryOf(packageOf(name))])) as Record<
    (typeof sharedSingletonNames)[number],
    T
  >;
}

/** One entry of Module Federation's `shared` as a plugin declares it. */
export interface SharedSingleton {
  singleton: true;
  strictVersion: true;
  /** The range the plugin was built against; the shell's copy must satisfy it. */
  requiredVersion: string;
  /** No fallback copy in the plugin: the shell's is used, or loading fails with a version error. */
  import: false;
}

/**
 * The `shared` config of a plugin: `solid-js` (each sub-path in use listed, an unlisted one would be
 * bundled twice, silently), `@porthole/sdk` and `@porthole/ui`, as strict singletons with no fallback
 * copy. Each range is `^` the version installed for the plugin, so a shell with an incompatible Solid,
 * SDK or kit refuses the plugin instead of running it on a second copy.
 *
 * @example
 * sharedSingletons({ 'solid-js': '1.9.19', '@porthole/sdk': '0.1.0', '@porthole/ui': '0.1.0' })['solid-js/web'].requiredVersion; // '^1.9.19'
 */
export function sharedSingletons(versions: {
  'solid-js': string;
  '@porthole/sdk': string;
  '@porthole/ui': string;
}): Record<(typeof sharedSingletonNames)[number], SharedSingleton> {
  return forEachSingleton((pkg) => ({
    singleton: true,
    strictVersion: true,
    requiredVersion: `^${versions[pkg]}`,
    import: false,
  }));
}

/**
 * {@link sharedSingletons} for the versions the plugin at `root` has installed.
 *
 * @example
 * const shared = sharedSingletonsFor(process.cwd());
 */
export function sharedSingletonsFor(root: string): ReturnType<typeof sharedSingletons> {
  return sharedSingletons({
    'solid-js': installedVersion(root, 'solid-js'),
    '@porthole/sdk': installedVersion(root, '@porthole/sdk'),
    '@porthole/ui': installedVersion(root, '@porthole/ui'),
  });
}

/** One entry of Module Federation's `shared` as the shell (the host) declares it. */
export interface HostSharedSingleton {
  singleton: true;
  strictVersion: true;
  /** Exactly the version the shell bundles. */
  requiredVersion: string;
}

/**
 * The shell's side of {@link sharedSingletons}: the same modules, provided once per page in the versions
 * the shell at `root` has installed. One list for both sides, so a sub-path can't be shared by one only.
 *
 * @example
 * pluginModuleFederation({ name: 'porthole_shell', shared: hostSharedSingletons(import.meta.dirname) });
 */
export function hostSharedSingletons(
  root: string,
): Record<(typeof sharedSingletonNames)[number], HostSharedSingleton> {
  return forEachSingleton((pkg) => ({
    singleton: true,
    strictVersion: true,
    requiredVersion: installedVersion(root, pkg),
  }));
}
