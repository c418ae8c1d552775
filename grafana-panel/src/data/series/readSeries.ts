/**
 * Every series of a query's frames as one labelled number, whatever shape Grafana delivered:
 * - multi frames (Grafana's Prometheus time series and instant format, one frame per series) and
 *   wide frames (several number fields, each with its labels): a series per number field;
 * - long frames (table format, or a "labels to fields" transformation): string columns are the
 *   labels, each distinct set of them a series, its rows in time order; number columns named in
 *   `labelColumns` (e.g. `step_index`) count as labels too.
 * Each series' values are reduced by the Calculation option (`calculation.ts`), so a table of a
 * range query gives one value per series, not the sum of every sample.
 */
import { FieldType, getFieldDisplayName, type DataFrame, type Field } from '@grafana/data';
import { lastFiniteRow, reduceToNumber, rowsOf } from './calculation';

export interface SeriesValue {
  readonly labels: Readonly<Record<string, string>>;
  /** Undefined when the series holds no finite number (no data, or NaN). */
  readonly value: number | undefined;
  /** The series' display name (its legend), for queries whose series carry no labels. */
  readonly name: string;
  /** The field and row the value is shown for: units, decimals, thresholds and data links. */
  readonly source: { readonly field: Field; readonly row: number };
}

function isLong(frame: DataFrame, labelColumns: ReadonlySet<string>): boolean {
  return (
    frame.fields.some((field) => field.type === FieldType.string || labelColumns.has(field.name)) &&
    frame.fields.every((field) => field.type !== FieldType.number || Object.keys(field.labels ?? {}).length === 0)
  );
}

function fromLong(frame: DataFrame, calculation: string, labelColumns: ReadonlySet<string>): SeriesValue[] {
  const labelFields = frame.fields.filter((field) => field.type === FieldType.string || labelColumns.has(field.name));
  const valueFields = frame.fields.filter((field) => field.type === FieldType.number && !labelColumns.has(field.name));
  const rowsBySeries = new Map<string, { labels: Record<string, string>; rows: number[] }>();
  for (let row = 0; row < frame.length; row++) {
    const labels: Record<string, string> = {};
    for (const field of labelFields) {
      const value: unknown = field.values[row];
      labels[field.name] = value === null || value === undefined ? '' : String(value);
    }
    const key = JSON.stringify(labels);
    const series = rowsBySeries.get(key) ?? { labels, rows: [] };
    series.rows.push(row);
    rowsBySeries.set(key, series);
  }
  const values: SeriesValue[] = [];
  for (const valueField of valueFields) {
    for (const { labels, rows } of rowsBySeries.values()) {
      const lastRow = rows[rows.length - 1] ?? 0;
      values.push({
        labels,
        value: reduceToNumber(rowsOf(valueField, rows), calculation),
        name: valueField.config.displayName || valueField.name,
        source: { field: valueField, row: lastRow },
      });
    }
  }
  return values;
}

function fromFields(frame: DataFrame, frames: readonly DataFrame[], calculation: string): SeriesValue[] {
  return frame.fields
    .filter((field) => field.type === FieldType.number)
    .map((field) => ({
      labels: field.labels ?? {},
      value: reduceToNumber(field, calculation),
      name:
        field.config.displayName || field.config.displayNameFromDS || getFieldDisplayName(field, frame, [...frames]),
      source: { field, row: lastFiniteRow(field) },
    }));
}

export function readSeries(
  frames: readonly DataFrame[],
  calculation: string,
  labelColumns: ReadonlySet<string> = new Set()
): SeriesValue[] {
  return frames.flatMap((frame) =>
    isLong(frame, labelColumns) ? fromLong(frame, calculation, labelColumns) : fromFields(frame, frames, calculation)
  );
}
