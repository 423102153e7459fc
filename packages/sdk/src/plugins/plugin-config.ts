import { fieldPath } from '@porthole/protocol';
import { useContext } from 'solid-js';
import * as z from 'zod/mini';
import { PortholeContext } from './porthole-context.ts';

/** Thrown by {@link readPluginConfig} when the values don't fit the schema; the message names each field. */
export class PluginConfigError extends Error {
  /** Each problem: the field (`replicas`, `links[0].url`) and why. */
  readonly causes: readonly { field: string; message: string }[];

  constructor(causes: readonly { field: string; message: string }[]) {
    super(
      `the plugin's config is invalid: ${causes.map((c) => `${c.field || '(root)'}: ${c.message}`).join('; ')}`,
    );
    this.name = 'PluginConfigError';
    this.causes = causes;
  }
}

/**
 * Parses a plugin's settings with its schema (defaults filled in); throws a {@link PluginConfigError}
 * naming each field when they don't fit. The pure half of {@link usePluginConfig}.
 *
 * @example
 * const settings = z.object({ greeting: z._default(z.string(), 'Hello') });
 * readPluginConfig(settings, {}); // { greeting: 'Hello' }
 */
export function readPluginConfig<S extends z.core.$ZodType>(schema: S, values: unknown): z.output<S> {
  const parsed = z.safeParse(schema, values ?? {});
  if (parsed.success) return parsed.data;
  throw new PluginConfigError(
    parsed.error.issues.map((i) => ({ field: fieldPath(i.path), message: i.message })),
  );
}

/**
 * The plugin's settings in one of its components, typed from the schema it gave `definePlugin({ config })`.
 * The backend validated them already; parsing again here fills in defaults and types them. Outside a
 * plugin slot (no settings given) the schema's defaults apply.
 *
 * @example
 * // src/config.ts
 * export const settings = z.object({ greeting: z._default(z.string(), 'Hello') });
 * // src/plugin.ts: definePlugin({ ..., config: settings })
 * // src/pages/HelloPage.tsx
 * const config = usePluginConfig(settings);
 * return <h1>{config.greeting}</h1>;
 */
export function usePluginConfig<S extends z.core.$ZodType>(schema: S): z.output<S> {
  return readPluginConfig(schema, useContext(PortholeContext)?.pluginConfig);
}
