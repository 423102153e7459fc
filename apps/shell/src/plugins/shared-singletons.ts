/** One registration of a shared module in a Module Federation share scope. */
export interface SharedRegistration {
  version: string;
  /** The container that provided it. */
  from: string;
  loaded: boolean;
  /** The containers that use it. */
  useIn: readonly string[];
}

/** A share scope as the runtime keeps it: module name → version → registration. */
export type ShareScope = Record<
  string,
  Record<string, { from?: string; loaded?: boolean; useIn?: string[] }>
>;

/** What {@link sharedSingletonReport} says of one shared module. */
export interface SharedSingletonState {
  name: string;
  registrations: SharedRegistration[];
}

/**
 * Reads the share scope: for each module the shell shares (`names`: what its build declared, the plugin
 * kit's `hostSharedSingletons`), every registration (one per version and provider).
 *
 * @example
 * sharedSingletonReport(instance.shareScopeMap.default, Object.keys(instance.options.shared));
 * // [{ name: 'solid-js', registrations: [{ version: '1.9.19', from: 'porthole_shell', loaded: true, useIn: ['porthole_shell', 'porthole_hello'] }] }, ...]
 */
export function sharedSingletonReport(
  scope: ShareScope | undefined,
  names: readonly string[],
): SharedSingletonState[] {
  return names.map((name) => ({
    name,
    registrations: Object.entries(scope?.[name] ?? {}).map(([version, shared]) => ({
      version,
      from: shared.from ?? '?',
      loaded: shared.loaded === true,
      useIn: [...(shared.useIn ?? [])],
    })),
  }));
}

/**
 * Why the page no longer runs one copy of each singleton since `remoteName` loaded: a second
 * registration (another version, or one the plugin provided itself), or the plugin using a copy the
 * shell did not provide. Empty when all is well.
 *
 * @example
 * singletonProblems(report, 'porthole_shell', 'porthole_hello'); // []
 */
export function singletonProblems(
  report: readonly SharedSingletonState[],
  host: string,
  remoteName: string,
): string[] {
  const problems: string[] = [];
  for (const { name, registrations } of report) {
    const foreign = registrations.filter((r) => r.from !== host);
    for (const r of foreign) {
      problems.push(
        r.from === remoteName
          ? `it brings its own ${name} ${r.version}; plugins must use the shell's (shared with import: false)`
          : `${r.from} registered a second ${name} (${r.version}) on this page`,
      );
    }
    if (registrations.length > 1 && foreign.length === 0)
      problems.push(
        `${name} is registered ${registrations.length} times (${registrations.map((r) => r.version).join(', ')})`,
      );
  }
  return problems;
}
