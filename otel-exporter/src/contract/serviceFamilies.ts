import type { MetricFamily } from './families';
import { labelNames } from './labels';

/*
 * The standalone service's own metrics (`nowcast-exporter serve`): what it was asked, what it
 * answered and what it holds. Fixed names whatever the spec's namespace. Units follow the same
 * rule as the exporter's families: `By` for bytes (the OTLP translation keeps `_bytes` once), a
 * `{…}` annotation for counts.
 */

/** Label names of the service's families. */
export const serviceLabelNames = {
  /** The path or RPC a request asked for (`/v1/logs`, `/v1/batch`, `LogsService/Export`, `/metrics`…). */
  route: 'route',
  /** The answer: an HTTP status (`200`, `413`…) or a gRPC status name (`OK`, `INVALID_ARGUMENT`…). */
  code: 'code',
} as const;

/** The value of `route` for requests to a path the service does not serve (keeps the label bounded). */
export const unknownRoute = 'other';

export const serviceFamilies = {
  requests: {
    name: 'nowcast_service_requests_total',
    otelName: 'nowcast_service_requests',
    type: 'counter',
    unit: '{request}',
    help: 'Requests answered, by route and status code',
    labels: [serviceLabelNames.route, serviceLabelNames.code],
  },
  requestsInFlight: {
    name: 'nowcast_service_requests_in_flight',
    otelName: 'nowcast_service_requests_in_flight',
    type: 'gauge',
    unit: '{request}',
    help: 'Ingest requests being received, decoded or recorded',
    labels: [],
  },
  bytesInFlight: {
    name: 'nowcast_service_in_flight_bytes',
    otelName: 'nowcast_service_in_flight_bytes',
    type: 'gauge',
    unit: 'By',
    help: 'Request body bytes held in memory now, compressed and decompressed (bounded by limits.maxInFlightBytes)',
    labels: [],
  },
  receivedBytes: {
    name: 'nowcast_service_received_bytes_total',
    otelName: 'nowcast_service_received_bytes',
    type: 'counter',
    unit: 'By',
    help: 'Request body bytes received as sent (compressed), refused ones included',
    labels: [serviceLabelNames.route],
  },
  rejectedRecords: {
    name: 'nowcast_service_records_rejected_total',
    otelName: 'nowcast_service_records_rejected',
    type: 'counter',
    unit: '{record}',
    help: 'Records of accepted requests that were not counted, by reason (reported back as OTLP partial success)',
    labels: [labelNames.reason],
  },
} as const satisfies Record<string, MetricFamily>;
