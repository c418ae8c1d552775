/** The metric contract: a spec → metric names, label sets, series bounds and the shared PromQL. */
export * from './metricNames';
export * from './labels';
export * from './buckets';
export * from './seriesBound';
export * from './activeUsersPromql';
export * from './hllEstimate';
