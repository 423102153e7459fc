import type { PluginConfig } from '@porthole/protocol';
import type { PluginDefinition } from '@porthole/sdk';

/** Why a plugin is not running, in words the Plugins page and error cards can group by. */
export type PluginFailureKind =
  /** The registry could not offer it (folder missing, plugin server down, bad metadata...). */
  | 'unavailable'
  /** Its bundle's settings for it don't fit its config schema (the reason names each field). */
  | 'invalid-config'
  /** Its `sdk` range does not include the shell's SDK version. */
  | 'incompatible-sdk'
  /** Its entry could not be fetched or run. */
  | 'unreachable'
  /** Its entry's bytes do not match the integrity the registry advertised. */
  | 'integrity'
  /** What `./plugin` exported is not a usable plugin definition. */
  | 'invalid-definition'
  /** It is not in the current bundle. */
  | 'not-in-bundle'
  /** It does not run on the shell's one copy of Solid or the SDK. */
  | 'shared-mismatch';

/**
 * The outcome of loading one plugin. Loading never rejects: a failure is a value with the reason to
 * show (like OpenShift's `PluginLoadResult`).
 */
export type PluginLoadResult =
  | {
      status: 'loaded';
      name: string;
      version: string;
      plugin: PluginDefinition;
      /** Its bundle's settings, validated by the backend (when the plugin declares a config schema). */
      config?: PluginConfig;
    }
  | { status: 'failed'; name: string; version?: string; kind: PluginFailureKind; reason: string };

/** A failed {@link PluginLoadResult}. */
export type PluginLoadFailure = Extract<PluginLoadResult, { status: 'failed' }>;

/** Turns anything thrown into one line for an error card. */
export function reasonOf(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}
