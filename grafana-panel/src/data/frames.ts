/** Small readers over Grafana data frames shared by the funnel and live transforms. */
import type { DataFrame, Field } from '@grafana/data';

export function findFieldByName(frame: DataFrame, name: string): Field | undefined {
  const wanted = name.toLowerCase();
  return frame.fields.find((field) => field.name.toLowerCase() === wanted);
}

/** True when no frame carries a single value, which Grafana calls "No data". */
export function hasNoValues(frames: readonly DataFrame[]): boolean {
  return frames.every((frame) => frame.length === 0 || frame.fields.every((field) => field.values.length === 0));
}

/** A number from a label or a cell that may be a number or a numeric string (`step_index`). */
export function toIndex(value: unknown): number | undefined {
  const parsed =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : undefined;
}
