import { definePluginBuild } from '@porthole/plugin-kit';

// The whole build: Solid, the Module Federation remote porthole_contexts exposing ./plugin, the
// shell's solid-js, @porthole/sdk and @porthole/ui as shared singletons, porthole-plugin.json in dist/.
export default definePluginBuild({ name: 'contexts' });
