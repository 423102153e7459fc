/** Which bundle to ask for, and the dev overrides to pass through. */
export interface BundleChoice {
  /** `undefined`: let the backend pick (group header mapping, else `default`). */
  bundle: string | undefined;
  /** `NAME=URL` values of `?dev=` (honoured only by a backend started with `--dev`). */
  dev: readonly string[];
}

/** Where the choice is remembered: `localStorage`, or nothing. */
export type BundleStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The localStorage key of the remembered bundle. */
export const bundleStorageKey = 'porthole.bundle';

/**
 * The bundle from `?bundle=` (and remembers it), else the remembered one; `?dev=` values as they are.
 *
 * @example
 * bundleChoiceOf('?bundle=payments', localStorage); // { bundle: 'payments', dev: [] }, and remembered
 * bundleChoiceOf('', localStorage);                 // { bundle: 'payments', dev: [] }
 */
export function bundleChoiceOf(search: string, storage: BundleStorage | undefined): BundleChoice {
  const params = new URLSearchParams(search);
  const asked = params.get('bundle')?.trim();
  let bundle: string | undefined;
  try {
    if (asked) storage?.setItem(bundleStorageKey, asked);
    bundle = asked || storage?.getItem(bundleStorageKey) || undefined;
  } catch {
    // Storage can be disabled (private mode, a policy): the URL still works.
    bundle = asked || undefined;
  }
  return { bundle, dev: params.getAll('dev') };
}

/** Forgets the remembered bundle (it no longer exists). */
export function forgetBundle(storage: BundleStorage | undefined): void {
  try {
    storage?.removeItem(bundleStorageKey);
  } catch {
    // Nothing remembered, nothing to forget.
  }
}

/** The query of `GET /api/plugins` for a choice. */
export function pluginsQuery(choice: BundleChoice): string {
  const params = new URLSearchParams();
  if (choice.bundle) params.set('bundle', choice.bundle);
  for (const value of choice.dev) params.append('dev', value);
  const query = params.toString();
  return query ? `?${query}` : '';
}
