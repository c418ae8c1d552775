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
/** For outputs of your own (e.g. timestamped history): `nowcast.pipeline.collect(sink)` walks every family. */
export type { ExemplarSource, MetricSink, MetricSource } from './expose/metricSink';
export { startLogsService } from './serve/logsService';
