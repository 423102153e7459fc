// The plugin kit's public entry: the build preset, the metadata it writes, and the create-plugin scaffold.
export type { PluginBuildOptions } from './build/define-plugin-build.ts';
export { defaultDevPort, defaultPortalOrigins, definePluginBuild } from './build/define-plugin-build.ts';
export type { PortholeMetadataOptions } from './build/porthole-metadata-plugin.ts';
export { PluginDefinitionError, pluginPortholeMetadata } from './build/porthole-metadata-plugin.ts';
export { remoteNameOf } from './build/remote-name.ts';
export type { SharedSingleton } from './build/shared-singletons.ts';
export { sharedSingletonNames, sharedSingletons } from './build/shared-singletons.ts';
export type { CreatePluginOptions, CreatePluginResult } from './create/create-plugin.ts';
export { CreatePluginError, createPlugin, defaultPluginDir, nextSteps } from './create/create-plugin.ts';
export type { TemplateValues } from './create/templates.ts';
export { pluginTemplate } from './create/templates.ts';
export type { PluginDefinitionLike, PluginSummaryResult } from './metadata/plugin-contributions.ts';
export { summarisePlugin } from './metadata/plugin-contributions.ts';
export type { PluginMetadataResult } from './metadata/plugin-metadata.ts';
export { pluginMetadataOf, remoteEntryFile } from './metadata/plugin-metadata.ts';
export type { PluginReadResult } from './metadata/read-plugin-definition.ts';
export { readPluginDefinition } from './metadata/read-plugin-definition.ts';
