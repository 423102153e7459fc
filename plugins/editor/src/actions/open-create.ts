import type { Porthole, ResourceListContext } from '@porthole/sdk';
import { createHref } from '../model/starter.ts';

/** A list page's Create: opens Create from YAML with a starter for the list's kind, in its namespace. */
export default function openCreate(context: ResourceListContext, porthole: Porthole): void {
  porthole.navigate(
    createHref({
      cluster: context.cluster,
      group: context.group,
      version: context.version,
      kind: context.kind,
      namespaced: context.namespaced,
      namespace: context.namespace(),
    }),
  );
}
