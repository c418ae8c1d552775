import type { DataFrameJSON } from '@grafana/data';

/**
 * What a Grafana dashboard holds about a Prometheus query and its data source, and what
 * Prometheus' HTTP API answers: the inputs of Grafana's data steps reproduced in this folder.
 */

/** A panel's Prometheus query as saved in the dashboard (`targets[]`), the fields Grafana reads. */
export interface PromTarget {
  readonly refId: string;
  readonly expr: string;
  /** Instant, range, or both ("Both" in the editor); neither means range, as in old dashboards. */
  readonly instant?: boolean;
  readonly range?: boolean;
  readonly exemplar?: boolean;
  readonly format?: 'time_series' | 'table';
  /** Min step. */
  readonly interval?: string;
  readonly legendFormat?: string;
  readonly hide?: boolean;
}

/** A trace link the data source adds to an exemplar label (`jsonData.exemplarTraceIdDestinations`). */
export interface ExemplarTraceIdDestination {
  readonly name: string;
  readonly url?: string;
  readonly urlDisplayLabel?: string;
}

/** The Prometheus data source's settings that shape the data. */
export interface PromDatasource {
  /** `jsonData.timeInterval`: the scrape interval, the lowest interval Grafana picks. */
  readonly scrapeInterval: string;
  readonly exemplarTraceIdDestinations?: readonly ExemplarTraceIdDestination[];
}

/** The panel settings and time range a query runs with. */
export interface PanelQueryOptions {
  /** Epoch ms. */
  readonly from: number;
  readonly to: number;
  /** The panel's max data points (Grafana uses the panel's width when unset). */
  readonly maxDataPoints: number;
  /** The panel's min interval (query options), if set. */
  readonly minInterval?: string;
}

export type PromLabels = Readonly<Record<string, string>>;
/** `[unix seconds, "value"]`. */
export type PromSample = readonly [number, string];

export interface PromVectorSeries {
  readonly metric: PromLabels;
  readonly value: PromSample;
}

export interface PromMatrixSeries {
  readonly metric: PromLabels;
  readonly values: readonly PromSample[];
}

export interface PromExemplarSeries {
  readonly seriesLabels: PromLabels;
  readonly exemplars: ReadonlyArray<{
    readonly labels: PromLabels;
    readonly value: string;
    readonly timestamp: number;
  }>;
}

/** A body of `/api/v1/query`, `/api/v1/query_range` or `/api/v1/query_exemplars`. */
export type PromResponse =
  | {
      readonly status: 'success';
      readonly data:
        | { readonly resultType: 'vector'; readonly result: readonly PromVectorSeries[] }
        | { readonly resultType: 'matrix'; readonly result: readonly PromMatrixSeries[] }
        | readonly PromExemplarSeries[];
    }
  | { readonly status: 'error'; readonly errorType: string; readonly error: string };

/** A data source response as a panel's query runner receives it. */
export interface GrafanaResponse {
  /** Frame JSON of every query, as the backend sent it. */
  readonly frames: readonly DataFrameJSON[];
  /** Per-query errors (`refId`, message). */
  readonly errors: ReadonlyArray<{ readonly refId: string; readonly message: string }>;
}

/** A dashboard time range: epoch ms, and the picker's raw text (`now-1h`) or the same times. */
export interface RangeSpec {
  readonly from: number;
  readonly to: number;
  readonly raw: { readonly from: string; readonly to: string };
}

/** A panel's queries and their response: everything Grafana's frontend needs to build the panel's data. */
export interface GrafanaScene {
  readonly targets: readonly PromTarget[];
  readonly response: GrafanaResponse;
  readonly datasource: PromDatasource;
  readonly range: RangeSpec;
}
