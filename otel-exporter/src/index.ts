/** @nowcast/otel-exporter: the analytics spec, the metric contract, and the exporter built from them. */
export * from './spec';
export * from './contract';
export { createNowcast, type Nowcast, type NowcastOptions } from './nowcast';
export { NowcastLogRecordProcessor } from './ingest/logRecordProcessor';
export { NowcastMetricProducer } from './expose/metricProducer';
export type { Track, TrackOptions } from './ingest/track';
export { dropReasons, type DropReason } from './ingest/dropReasons';
export { defaultIdentityAttributes, eventNameAttribute, type IdentityAttributes } from './ingest/identity';
export type { ListenOptions, MetricsServer } from './expose/listen';
export type { MetricsHandler } from './expose/metricsHandler';
export type { TextFormat } from './expose/textExposition';
export { startLogsService } from './serve/logsService';
