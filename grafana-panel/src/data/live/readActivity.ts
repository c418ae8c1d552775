/**
 * Reads the live view's numbers: the active-user estimate (recording rule
 * `scope_window:product_active_users:estimate{scope, window}`) as a current value with its
 * history, and events per second per `event` label.
 */
import { FieldType, type DataFrame, type Field } from '@grafana/data';
import { labelNames } from '@nowcast/otel-exporter/contract';
import { labelOf, lastNumber, lastNumberRow, numberFields } from '../frames';
import { isExemplarFrame } from './readExemplars';

export interface ActiveUsers {
  readonly now: number;
  /** Scope and window of the series shown, e.g. "shop · 5m". */
  readonly label: string;
  /** [epoch ms, value] points of the sparkline, oldest first. */
  readonly history: Array<readonly [number, number]>;
  readonly source: { readonly field: Field; readonly row: number };
}

export interface EventRate {
  readonly event: string;
  readonly perSecond: number;
  readonly source: { readonly field: Field; readonly row: number };
}

export interface Activity {
  readonly activeUsers: ActiveUsers | undefined;
  readonly eventRates: EventRate[];
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

export function readActivity(frames: readonly DataFrame[]): Activity {
  let activeUsers: ActiveUsers | undefined;
  const rates = new Map<string, EventRate>();
  for (const frame of frames) {
    if (isExemplarFrame(frame)) {
      continue;
    }
    for (const field of numberFields(frame)) {
      const value = lastNumber(field);
      if (value === undefined) {
        continue;
      }
      const event = labelOf(field, labelNames.event);
      const source = { field, row: lastNumberRow(field) };
      if (event !== undefined) {
        const previous = rates.get(event);
        rates.set(event, { event, perSecond: (previous?.perSecond ?? 0) + value, source: previous?.source ?? source });
      } else if (activeUsers === undefined) {
        const label = [labelOf(field, labelNames.scope), labelOf(field, labelNames.window)]
          .filter((part) => part !== undefined)
          .join(' · ');
        activeUsers = { now: value, label, history: historyOf(frame, field), source };
      }
    }
  }
  const eventRates = [...rates.values()].sort((a, b) => b.perSecond - a.perSecond || a.event.localeCompare(b.event));
  return { activeUsers, eventRates };
}
