import type { PointExtension } from './extensions.ts';

/**
 * An extension point a plugin declares for other plugins to fill, typed by the data each contribution
 * carries. Ids are namespaced by the declaring plugin (`cronjobs.job-links`).
 */
export interface ExtensionPoint<Id extends string, Data> {
  readonly id: Id;
  /** A contribution of `data` to this point, for another plugin's `extensions` list. */
  extend(data: Data): PointExtension<Id, Data>;
  /** Narrows an extension to a contribution to this point. */
  matches(extension: { type: string }): extension is PointExtension<Id, Data>;
}

/**
 * Declares a typed extension point. The declaring plugin lists it in `extensionPoints` and reads the
 * contributions with `useExtensions(point)`; other plugins contribute with `point.extend({...})`, and
 * TypeScript checks the data against the point's type.
 *
 * @example
 * export const jobLinks = defineExtensionPoint<{ label: string; href: (job: KubeObject) => string }>('cronjobs.job-links');
 * // in another plugin:
 * definePlugin({ ..., extensions: [jobLinks.extend({ label: 'Logs', href: (job) => `/logs/${job.metadata.name}` })] });
 */
export function defineExtensionPoint<Data, Id extends string = string>(id: Id): ExtensionPoint<Id, Data> {
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(id)) {
    throw new Error(`extension point id ${JSON.stringify(id)} must be namespaced: "plugin-name.point-name"`);
  }
  return {
    id,
    extend: (data) => ({ type: id, data }),
    matches: (extension): extension is PointExtension<Id, Data> => extension.type === id,
  };
}
