/**
 * Prometheus API results → data frames shaped as Grafana's Prometheus data source shapes them:
 * one frame per series (Time + Value with the series labels), and one exemplar frame (Time,
 * Value, one string field per label) marked `meta.custom.resultType = 'exemplar'`. Plain DTOs,
 * so this runs in Node without @grafana/data's browser build.
 */
import type { DataFrameDTO, FieldType } from '@grafana/data';

const time = 'time' as FieldType;
const number = 'number' as FieldType;
const string = 'string' as FieldType;

/** A series as prometheus-query returns it (`InstantVector` / `RangeVector`). */
export interface PromSeries {
  readonly metric: { readonly name?: string; readonly labels: object };
  readonly value?: { readonly time: Date; readonly value: number };
  readonly values?: ReadonlyArray<{ readonly time: Date; readonly value: number }>;
}

/** One entry of `/api/v1/query_exemplars`. */
export interface PromExemplarSeries {
  readonly seriesLabels: Record<string, string>;
  readonly exemplars: ReadonlyArray<{
    readonly labels: Record<string, string>;
    readonly value: string;
    readonly timestamp: number;
  }>;
}

function labelsOf(series: PromSeries): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(series.metric.labels)) {
    labels[key] = String(value);
  }
  return labels;
}

export function seriesToFrames(refId: string, result: readonly PromSeries[]): DataFrameDTO[] {
  return result.map((series) => {
    const points = series.values ?? (series.value === undefined ? [] : [series.value]);
    const finite = points.filter((point) => Number.isFinite(point.value));
    return {
      refId,
      ...(series.metric.name === undefined ? {} : { name: series.metric.name }),
      fields: [
        { name: 'Time', type: time, values: finite.map((point) => point.time.getTime()) },
        { name: 'Value', type: number, values: finite.map((point) => point.value), labels: labelsOf(series) },
      ],
    };
  });
}

export function exemplarsToFrame(refId: string, result: readonly PromExemplarSeries[]): DataFrameDTO | undefined {
  const rows = result.flatMap((series) =>
    series.exemplars.map((exemplar) => ({
      ...series.seriesLabels,
      ...exemplar.labels,
      time: exemplar.timestamp * 1000,
      value: Number(exemplar.value),
    }))
  );
  if (rows.length === 0) {
    return undefined;
  }
  const labelNames = [
    ...new Set(rows.flatMap((row) => Object.keys(row).filter((key) => key !== 'time' && key !== 'value'))),
  ].sort();
  return {
    refId,
    name: 'exemplar',
    meta: { custom: { resultType: 'exemplar' } },
    fields: [
      { name: 'Time', type: time, values: rows.map((row) => row.time) },
      { name: 'Value', type: number, values: rows.map((row) => row.value) },
      ...labelNames.map((label) => ({
        name: label,
        type: string,
        values: rows.map((row) => (row as Record<string, unknown>)[label] ?? ''),
      })),
    ],
  };
}
