// `@porthole/sdk/testing`: render a plugin's page, tab or action in a test with the SDK's services given
// through PortholeContext, in memory or against a real `porthole serve`.

export type {
  TestHttpHandler,
  TestHttpRequest,
  TestPorthole,
  TestPortholeOptions,
} from './create-test-porthole.ts';
export { createTestPorthole } from './create-test-porthole.ts';
export type { InMemoryMuxOptions, TestObjects } from './in-memory-mux.ts';
export { createInMemoryMux } from './in-memory-mux.ts';
export type { RenderedView } from './render-plugin.ts';
export { renderPage, renderTab, renderWithPorthole, resourceContextOf, runAction } from './render-plugin.ts';
