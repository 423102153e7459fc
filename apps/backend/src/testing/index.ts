// Test support: what tests, benchmarks and e2e setups of other packages use to run the real backend.

export type { InProcessBackend } from './serve-in-process.ts';
export { serveInProcess } from './serve-in-process.ts';
export type { RunningBackend, StartBackendOptions } from './start-backend.ts';
export { startBackend } from './start-backend.ts';
