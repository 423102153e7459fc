import type { DiscoveredResource, Porthole } from '@porthole/sdk';
import { type Accessor, createResource } from 'solid-js';

/** Where the cluster serves CronJob, from discovery: `batch/v1beta1` on 1.20, `batch/v1` on newer. */
export interface CronJobApi {
  version: string;
  /** `batch/<version>`: an ownerReference's apiVersion. */
  apiVersion: string;
}

/**
 * The CronJob API of `cluster()`, found by discovery; `undefined` while loading. A cluster that serves no
 * CronJob is an error with that message.
 *
 * @example
 * const api = createCronJobApi(porthole, () => props.cluster);
 */
export function createCronJobApi(
  porthole: Porthole,
  cluster: Accessor<string>,
): { api: Accessor<CronJobApi | undefined>; error: Accessor<unknown> } {
  const [resource] = createResource(cluster, async (name): Promise<CronJobApi> => {
    const found: DiscoveredResource | undefined = await porthole.discovery.resourceFor(
      name,
      'batch',
      'CronJob',
    );
    if (!found) throw new Error(`cluster ${name} serves no CronJob resource (batch group)`);
    return { version: found.version, apiVersion: `${found.group}/${found.version}` };
  });
  return { api: () => (resource.error ? undefined : resource()), error: () => resource.error };
}

/** The app path of an object's page (the shell's resource page). */
export function objectHref(
  cluster: string,
  ref: { group: string; version: string; resource: string; namespace?: string; name: string },
  tab?: string,
): string {
  const group = ref.group === '' ? 'core' : ref.group;
  const path = `/c/${encodeURIComponent(cluster)}/r/${group}/${ref.version}/${ref.resource}/${encodeURIComponent(ref.namespace ?? '_')}/${encodeURIComponent(ref.name)}`;
  return tab ? `${path}?tab=${encodeURIComponent(tab)}` : path;
}
