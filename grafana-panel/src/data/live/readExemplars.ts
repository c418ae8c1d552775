/**
 * Reads individual product events out of Prometheus exemplar frames. Grafana's Prometheus data
 * source puts exemplars in `data.annotations` as one frame per query with `meta.custom.resultType
 * === 'exemplar'`: a time field, a value field, and one string field per series or exemplar label
 * (see `host/grafana/exemplarSampler.ts`).
 */
import { FieldType, type DataFrame, type Field } from '@grafana/data';
import { exemplarLabelNames, labelNames } from '@nowcast/otel-exporter/contract';
import { findFieldByName } from '../frames';

export interface FeedEvent {
  /** Stable identity, so a refresh that returns the same exemplar does not add it twice. */
  readonly id: string;
  readonly time: number;
  readonly event: string;
  /** Pseudonymised user id from the exemplar (`user_id`); '' when the exporter omits it. */
  readonly userId: string;
  readonly traceId: string;
  readonly spanId: string;
  /** The trace id field and row, for the data source's own trace link (e.g. to Tempo). */
  readonly traceSource: { readonly field: Field; readonly row: number } | undefined;
}

export function isExemplarFrame(frame: DataFrame): boolean {
  const custom: unknown = frame.meta?.custom;
  const resultType =
    typeof custom === 'object' && custom !== null ? (custom as Record<string, unknown>).resultType : undefined;
  return resultType === 'exemplar' || frame.name === 'exemplar';
}

function stringAt(field: Field | undefined, row: number): string {
  const value: unknown = field?.values[row];
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

export function readExemplars(frames: readonly DataFrame[]): FeedEvent[] {
  const events: FeedEvent[] = [];
  for (const frame of frames.filter(isExemplarFrame)) {
    const timeField = frame.fields.find((field) => field.type === FieldType.time);
    if (timeField === undefined) {
      continue;
    }
    const eventField = findFieldByName(frame, labelNames.event);
    const userField = findFieldByName(frame, exemplarLabelNames.userId);
    // `traceID` is Grafana's field name for a trace id, not a label of the contract.
    const traceField = findFieldByName(frame, exemplarLabelNames.traceId) ?? findFieldByName(frame, 'traceID');
    const spanField = findFieldByName(frame, exemplarLabelNames.spanId);
    for (let row = 0; row < frame.length; row++) {
      const time = Number(timeField.values[row]);
      if (!Number.isFinite(time)) {
        continue;
      }
      const traceId = stringAt(traceField, row);
      const userId = stringAt(userField, row);
      const event = stringAt(eventField, row) || 'event';
      events.push({
        id: `${time}|${event}|${userId}|${traceId}|${stringAt(spanField, row)}`,
        time,
        event,
        userId,
        traceId,
        spanId: stringAt(spanField, row),
        traceSource: traceField === undefined ? undefined : { field: traceField, row },
      });
    }
  }
  return events;
}

/**
 * Adds incoming events to a feed: newest first, each event once, at most `limit` kept. Ties in
 * time keep a stable order by id so refreshes never shuffle the list.
 */
export function mergeFeed(existing: readonly FeedEvent[], incoming: readonly FeedEvent[], limit: number): FeedEvent[] {
  const byId = new Map<string, FeedEvent>();
  for (const event of [...existing, ...incoming]) {
    byId.set(event.id, event);
  }
  return [...byId.values()]
    .sort((a, b) => b.time - a.time || a.id.localeCompare(b.id))
    .slice(0, Math.max(0, Math.floor(limit)));
}
