import { selfFamilies } from '../contract/families';
import { labelNames } from '../contract/labels';
import type { DropReason } from '../ingest/dropReasons';
import type { EventAttributes, EventPipeline } from '../ingest/eventPipeline';

/**
 * What every input decodes into, OTLP (HTTP protobuf or JSON, gRPC) and Segment alike: the same
 * call the in-process log-record processor makes, one per product event, and identity links.
 */
export interface IncomingEvent {
  readonly kind: 'event';
  /** As sent: the pipeline refuses a name that is not a non-empty string (`invalid_event_name`). */
  readonly name: unknown;
  /** A null-prototype object: keys such as `__proto__` are plain attributes. */
  readonly attributes: EventAttributes;
  readonly timestampMs: number;
  readonly traceId: string | undefined;
  readonly spanId: string | undefined;
}

/** A Segment `identify` or `alias`: later events of either id are one user. */
export interface IdentityLink {
  readonly kind: 'link';
  readonly anonymousId: string;
  readonly userId: string;
}

export type IngestRecord = IncomingEvent | IdentityLink;

export interface RecordOutcome {
  /** Events offered to the pipeline. */
  readonly events: number;
  /** Events it did not count, by reason. */
  readonly rejected: ReadonlyMap<DropReason, number>;
  readonly rejectedTotal: number;
}

/** A null-prototype attribute bag. */
export function newAttributes(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

/** Records a fully decoded request, in order. Only called once the whole request was accepted. */
export function recordAll(pipeline: EventPipeline, records: readonly IngestRecord[]): RecordOutcome {
  const rejected = new Map<DropReason, number>();
  let events = 0;
  let rejectedTotal = 0;
  for (const record of records) {
    if (record.kind === 'link') {
      pipeline.link(record.anonymousId, record.userId);
      continue;
    }
    events++;
    const reason = pipeline.record(record.name, record.attributes, record.timestampMs, record.traceId, record.spanId);
    if (reason !== undefined) {
      rejected.set(reason, (rejected.get(reason) ?? 0) + 1);
      rejectedTotal++;
    }
  }
  return { events, rejected, rejectedTotal };
}

/** The partial-success message: how many were not counted and why, and where to watch it. */
export function rejectionMessage(outcome: RecordOutcome): string {
  const reasons = [...outcome.rejected].map(([reason, count]) => `${count} ${reason}`).join(', ');
  return (
    `${outcome.rejectedTotal} of ${outcome.events} events not counted: ${reasons} ` +
    `(see ${selfFamilies.dropped.name} by ${labelNames.reason})`
  );
}
