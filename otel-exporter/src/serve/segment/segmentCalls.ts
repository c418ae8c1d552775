import type { IdentityAttributes } from '../../ingest/identity';
import { newAttributes, type IngestRecord } from '../ingestRecords';
import { refuse } from '../refusal';

/*
 * Segment's HTTP Tracking API (https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/)
 * decoded into the same records as OTLP: `track` is the event it names, `page` the page event, with
 * the call's properties as attributes and its ids as the identity attributes; `identify` and
 * `alias` link an anonymous id to a user id. `screen` and `group` are accepted and ignored.
 */

/** Segment's documented limits: 32 KB per call, 500 KB per batch (it answers 400 beyond them). */
export const segmentLimits = { callBytes: 32 * 1024, batchBytes: 500 * 1024 } as const;

export const segmentRoutes = ['track', 'identify', 'page', 'batch'] as const;
export type SegmentRoute = (typeof segmentRoutes)[number];

export interface SegmentMapping {
  readonly identity: IdentityAttributes;
  /** The event a `page` call counts as (default `page_viewed`). */
  readonly pageEvent: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idOf(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** The call's time: `timestamp` (ISO 8601) when given, else receipt. */
function timeOf(message: Json, where: string, nowMs: number): number {
  if (message.timestamp === undefined || message.timestamp === null) return nowMs;
  const ms = typeof message.timestamp === 'string' ? Date.parse(message.timestamp) : NaN;
  if (Number.isNaN(ms))
    refuse('invalid', `${where}.timestamp must be an ISO 8601 time, such as "2026-01-31T12:00:00Z"`);
  return ms;
}

/** The event a call counts as; `besides` are attributes the call's properties may override. */
function eventOf(
  name: unknown,
  message: Json,
  where: string,
  mapping: SegmentMapping,
  nowMs: number,
  besides: Json = {}
): IngestRecord {
  if (message.properties !== undefined && message.properties !== null && !isObject(message.properties)) {
    refuse('invalid', `${where}.properties must be an object`);
  }
  const attributes = newAttributes();
  for (const key of Object.keys(besides)) attributes[key] = besides[key];
  const properties = (message.properties ?? {}) as Json;
  for (const key of Object.keys(properties)) attributes[key] = properties[key];
  const [userAttribute] = mapping.identity.user;
  const [anonymousAttribute] = mapping.identity.anonymous;
  if (userAttribute !== undefined && message.userId !== undefined) attributes[userAttribute] = message.userId;
  if (anonymousAttribute !== undefined && message.anonymousId !== undefined) {
    attributes[anonymousAttribute] = message.anonymousId;
  }
  return {
    kind: 'event',
    name,
    attributes,
    timestampMs: timeOf(message, where, nowMs),
    traceId: undefined,
    spanId: undefined,
  };
}

/** One call (a message of a batch, or a single-call body) into `records`. */
function decodeCall(
  type: unknown,
  message: Json,
  where: string,
  mapping: SegmentMapping,
  nowMs: number,
  records: IngestRecord[]
): void {
  switch (type) {
    case 'track':
      records.push(eventOf(message.event, message, where, mapping, nowMs));
      return;
    case 'page': {
      // Segment keeps the page's name and category beside its properties.
      const page: Json = {};
      if (typeof message.name === 'string') page.name = message.name;
      if (typeof message.category === 'string') page.category = message.category;
      records.push(eventOf(mapping.pageEvent, message, where, mapping, nowMs, page));
      return;
    }
    case 'identify':
    case 'alias': {
      const userId = idOf(message.userId);
      const anonymousId = idOf(type === 'alias' ? message.previousId : message.anonymousId);
      if (userId !== undefined && anonymousId !== undefined && userId !== anonymousId) {
        records.push({ kind: 'link', anonymousId, userId });
      }
      return;
    }
    case 'screen':
    case 'group':
      return;
    default:
      refuse(
        'invalid',
        `${where}.type ${JSON.stringify(type)} is not a Segment call (track, page, identify, alias, screen, group)`
      );
  }
}

export interface SegmentRequest {
  readonly records: IngestRecord[];
  /** The write key sent in the body (browsers send it there instead of basic auth). */
  readonly writeKey: string | undefined;
}

/** Decodes a parsed Segment body of `bodyBytes` bytes posted to `/v1/<route>`. */
export function decodeSegment(
  route: SegmentRoute,
  body: unknown,
  bodyBytes: number,
  mapping: SegmentMapping,
  nowMs: number
): SegmentRequest {
  if (!isObject(body)) refuse('invalid', 'the body must be a JSON object');
  const writeKey = typeof body.writeKey === 'string' ? body.writeKey : undefined;
  const records: IngestRecord[] = [];
  if (route !== 'batch') {
    if (bodyBytes > segmentLimits.callBytes) {
      refuse('invalid', `this call is ${bodyBytes} bytes; a Segment call is at most 32 KB`);
    }
    decodeCall(route, body, 'the call', mapping, nowMs, records);
    return { records, writeKey };
  }
  if (!Array.isArray(body.batch)) refuse('invalid', 'a Segment batch needs a "batch" array of calls');
  body.batch.forEach((message: unknown, i) => {
    const where = `batch[${i}]`;
    if (!isObject(message)) refuse('invalid', `${where} must be an object`);
    const size = Buffer.byteLength(JSON.stringify(message));
    if (size > segmentLimits.callBytes) refuse('invalid', `${where} is ${size} bytes; a Segment call is at most 32 KB`);
    decodeCall(message.type, message, where, mapping, nowMs, records);
  });
  return { records, writeKey };
}
