// What resource pages (apps/shell/src/resources) use to host plugins' actions and tabs.
export type { ExtensionSlotProps, ResourceExtensionProps } from './ExtensionSlot.tsx';
export {
  ExtensionSlot,
  ResourceActionButton,
  ResourceListActionButton,
  ResourceTabPanel,
} from './ExtensionSlot.tsx';
export { LazyView } from './LazyView.tsx';
export { PluginBoundary } from './PluginBoundary.tsx';
export { PluginErrorCard } from './PluginErrorCard.tsx';
export { PluginSlot } from './PluginSlot.tsx';
export type { ResourceExtensionEntry, ResourceExtensionType } from './resource-extensions.ts';
export {
  findResourceExtension,
  resourceExtensionEntries,
  useResourceExtensions,
} from './resource-extensions.ts';
