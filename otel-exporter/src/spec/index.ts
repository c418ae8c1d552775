/** The analytics spec: `analytics.yaml` → a validated AnalyticsSpec, or every error at once. */
export { parseSpec, specFromObject, loadSpec, type SpecResult } from './load';
export { buildSpec } from './build';
export { specDefaults } from './build/defaults';
export { scrapesPerWindow } from './build/alerts';
export { SpecError, formatIssue, type SpecIssue } from './issues';
export { parseDuration, formatDuration, durationOf, type Duration } from './duration';
export * from './model';
