// `@porthole/sdk/logs`: what a log view needs (a bounded line buffer, ANSI colours, search), on its own
// entry so pages without logs don't download it.
export type { AnsiSegment, AnsiStyle } from './logs/ansi.ts';
export { parseAnsi, stripAnsi } from './logs/ansi.ts';
export type { LogBuffer, LogLine } from './logs/log-buffer.ts';
export { createLogBuffer } from './logs/log-buffer.ts';
export type { HighlightRun, LogSearch, LogSearchOptions, LogSearchResult } from './logs/log-search.ts';
export { compileLogSearch, highlightRuns } from './logs/log-search.ts';
