/**
 * The metric contract: every metric family (name, type, unit, help, labels), every recording-rule
 * name, the PromQL builder and the queries built with it. Dependency-free (no OTel, no Node
 * built-ins), so the exporter, the rules, the dashboards and the panel all import it.
 */
export * from './families';
export * from './serviceFamilies';
export * from './labels';
export * from './buckets';
export * from './seriesBound';
export * from './promql';
export * from './ruleNames';
export * from './conversion';
export * from './statistics';
export * from './queries';
export * from './activeUsersPromql';
export * from './hllEstimate';
