/**
 * The frames of one query. Grafana's Prometheus data source runs a query set to "Both" as two:
 * the range half under the query's refId and the instant half under `<refId>-Instant`
 * (`processTargetV2` in grafana/grafana `packages/grafana-prometheus/src/datasource.ts`). Both
 * halves hold the same series, so adding them doubles every count: the range half is read (the
 * Calculation option reduces it) and the instant half set aside.
 */
import type { DataFrame } from '@grafana/data';

/** The suffix Grafana's Prometheus data source gives the instant half of a "Both" query. */
export const instantHalfSuffix = '-Instant';

/** The query a frame belongs to: its refId, without the instant half's suffix. */
export function queryOf(frame: DataFrame): string {
  const refId = frame.refId ?? '';
  return refId.endsWith(instantHalfSuffix) ? refId.slice(0, -instantHalfSuffix.length) : refId;
}

export interface QueryFrames {
  readonly frames: DataFrame[];
  /** The query ran as "Both"; its instant half was set aside. */
  readonly ranAsBoth: boolean;
}

export function framesOfQuery(frames: readonly DataFrame[], refId: string): QueryFrames {
  const own = frames.filter((frame) => queryOf(frame) === refId);
  const rangeHalf = own.filter((frame) => frame.refId === refId);
  const instantHalf = own.filter((frame) => frame.refId !== refId);
  if (rangeHalf.length > 0 && instantHalf.length > 0) {
    return { frames: rangeHalf, ranAsBoth: true };
  }
  return { frames: own, ranAsBoth: false };
}

/** Every query that returned frames (series or annotations), in first-seen order. */
export function queriesIn(frames: readonly DataFrame[]): string[] {
  return [...new Set(frames.map(queryOf))];
}
