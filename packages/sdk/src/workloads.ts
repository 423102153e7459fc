// `@porthole/sdk/workloads`: the everyday actions on workloads and nodes (scale through the scale
// subresource, `kubectl rollout restart`'s patch, cordon) and label selectors, on their own entry so the
// portal's first screen doesn't carry them.
export { isCordoned, setNodeSchedulable } from './workloads/cordon.ts';
export type { LabelSelector } from './workloads/label-selector.ts';
export { selectorString } from './workloads/label-selector.ts';
export {
  restartableResources,
  restartedAtAnnotation,
  restartPatch,
  restartRollout,
} from './workloads/rollout-restart.ts';
export type { Scale, ScaleOptions, ScaleState } from './workloads/scale.ts';
export { maxReplicas, parseReplicas, readScale, scaleTo } from './workloads/scale.ts';
