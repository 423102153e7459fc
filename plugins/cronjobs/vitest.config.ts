import solid from 'vite-plugin-solid';
import { portholeVitestConfig } from '../../vitest.shared.ts';

const config = portholeVitestConfig(import.meta.url);
// Component tests (`*.test.tsx`, with `@porthole/sdk/testing`) need Solid's compiler for JSX and its
// browser build; they set `// @vitest-environment happy-dom` for a DOM. Pure tests stay in Node.
config.plugins = [solid()];

export default config;
