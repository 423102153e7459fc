// API reports of the published packages: the check CI runs, and the update after an intended change.
export type { ApiReportOptions, ApiReportResult } from './api-report.ts';
export { reportFileName, runApiReport } from './api-report.ts';
