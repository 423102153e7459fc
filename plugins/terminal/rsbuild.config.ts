import { definePluginBuild } from '@porthole/plugin-kit';

// The whole build: Solid, the Module Federation remote porthole_terminal exposing ./plugin,
// the shell's solid-js and @porthole/sdk as shared singletons, and porthole-plugin.json in dist/.
export default definePluginBuild({ name: 'terminal' });
