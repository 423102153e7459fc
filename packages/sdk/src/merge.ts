// `@porthole/sdk/merge`: the three-way merge and object diff on their own entry, so a page that never
// merges (the shell's first screen, most plugins) doesn't download them. `createSafeWrites` loads this
// code itself the first time it updates an object.
export type { MergeOptions, PathSegment, ThreeWayMergeResult } from './writes/three-way-merge.ts';
export { diffObjects, threeWayMerge } from './writes/three-way-merge.ts';
