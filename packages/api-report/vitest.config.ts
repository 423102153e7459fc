import { portholeVitestConfig } from '../../vitest.shared.ts';

export default portholeVitestConfig(import.meta.url);
