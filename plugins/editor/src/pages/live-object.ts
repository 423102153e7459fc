import type { KubeObject, ResourceContext } from '@porthole/sdk';
import { withTypeMeta } from '../model/editable.ts';

/** The resource page's live object as a plain copy with apiVersion and kind; `undefined` until loaded. */
export function liveObject(context: ResourceContext): KubeObject | undefined {
  const object = context.object();
  return object ? withTypeMeta(object, context) : undefined;
}
