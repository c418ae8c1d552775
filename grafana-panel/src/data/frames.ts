/** Small readers over Grafana data frames shared by the funnel and live transforms. */
import { FieldType, type DataFrame, type Field } from '@grafana/data';

/** The last non-null finite number of a field: the value of an instant query, the latest of a range query. */
export function lastNumber(field: Field): number | undefined {
  for (let row = field.values.length - 1; row >= 0; row--) {
    const value: unknown = field.values[row];
    if (typeof value === 'number' && Number.isFinite(value)) {
      return value;
    }
  }
  return undefined;
}

/** Index of the row `lastNumber` read, so display processors and data links see the same row. */
export function lastNumberRow(field: Field): number {
  for (let row = field.values.length - 1; row >= 0; row--) {
    const value: unknown = field.values[row];
    if (typeof value === 'number' && Number.isFinite(value)) {
      return row;
    }
  }
  return Math.max(0, field.values.length - 1);
}

export function numberFields(frame: DataFrame): Field[] {
  return frame.fields.filter((field) => field.type === FieldType.number);
}

export function findFieldByName(frame: DataFrame, name: string): Field | undefined {
  const wanted = name.toLowerCase();
  return frame.fields.find((field) => field.name.toLowerCase() === wanted);
}

/** True when no frame carries a single value, which Grafana calls "No data". */
export function hasNoValues(frames: readonly DataFrame[]): boolean {
  return frames.every((frame) => frame.length === 0 || frame.fields.every((field) => field.values.length === 0));
}

/** Frames of one query, or of all queries but the excluded ones; order kept. */
export function framesOfRefIds(frames: readonly DataFrame[], include: (refId: string) => boolean): DataFrame[] {
  return frames.filter((frame) => include(frame.refId ?? ''));
}

/** A label value of a field, read from the field's labels (series) or not at all. */
export function labelOf(field: Field, label: string): string | undefined {
  return field.labels?.[label];
}

/** A number from a label or a cell that may be a number or a numeric string (`step_index`). */
export function toIndex(value: unknown): number | undefined {
  const parsed =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : undefined;
}
