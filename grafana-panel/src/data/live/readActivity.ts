/**
 * Reads the live view's numbers, each from its own query: the active-user estimate (recording
 * rule `scope_window:…:estimate{scope, window}`) as a current value with its history, and events
 * per second per `event` label, read now (the latest value).
 */
import { FieldType, ReducerID, type DataFrame, type Field } from '@grafana/data';
import { labelNames } from '@nowcast/otel-exporter/contract';
import { lastFiniteRow } from '../series/calculation';
import { readSeries } from '../series/readSeries';

export interface ActiveUsers {
  readonly now: number;
  /** Scope and window of the series shown, e.g. "shop · 5m". */
  readonly label: string;
  /** [epoch ms, value] points of the sparkline, oldest first. */
  readonly history: Array<readonly [number, number]>;
  readonly source: { readonly field: Field; readonly row: number };
  /** How many series the query returned; the first is shown. */
  readonly seriesCount: number;
}

export interface EventRate {
  readonly event: string;
  readonly perSecond: number;
  readonly source: { readonly field: Field; readonly row: number };
}

function historyOf(frame: DataFrame, field: Field): Array<readonly [number, number]> {
  const time = frame.fields.find((candidate) => candidate.type === FieldType.time);
  if (time === undefined) {
    return [];
  }
  const points: Array<readonly [number, number]> = [];
  for (let row = 0; row < frame.length; row++) {
    const value: unknown = field.values[row];
    const at = Number(time.values[row]);
    if (typeof value === 'number' && Number.isFinite(value) && Number.isFinite(at)) {
      points.push([at, value]);
    }
  }
  return points;
}

export function readActiveUsers(frames: readonly DataFrame[]): ActiveUsers | undefined {
  const series = frames.flatMap((frame) =>
    frame.fields.filter((field) => field.type === FieldType.number).map((field) => ({ frame, field }))
  );
  for (const { frame, field } of series) {
    const history = historyOf(frame, field);
    const last = history[history.length - 1];
    if (last === undefined) {
      continue;
    }
    const label = [field.labels?.[labelNames.scope], field.labels?.[labelNames.window]]
      .filter((part) => part !== undefined)
      .join(' · ');
    return { now: last[1], label, history, source: { field, row: lastFiniteRow(field) }, seriesCount: series.length };
  }
  return undefined;
}

/** Events per second by event, now: series of one event (instances, properties) add up; the busiest first. */
export function readEventRates(frames: readonly DataFrame[]): EventRate[] {
  const rates = new Map<string, EventRate>();
  for (const series of readSeries(frames, ReducerID.lastNotNull)) {
    const event = series.labels[labelNames.event];
    if (event === undefined || series.value === undefined) {
      continue;
    }
    const previous = rates.get(event);
    rates.set(event, {
      event,
      perSecond: (previous?.perSecond ?? 0) + series.value,
      source: previous?.source ?? series.source,
    });
  }
  return [...rates.values()].sort((a, b) => b.perSecond - a.perSecond || a.event.localeCompare(b.event));
}
