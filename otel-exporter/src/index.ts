/** @nowcast/otel-exporter: the analytics spec, the metric contract, and (soon) the exporter itself. */
export * from './spec';
export * from './contract';
