import { eventNameAttribute } from '../../ingest/identity';
import { newAttributes, type IngestRecord } from '../ingestRecords';
import { refuse } from '../refusal';
import { int64FromJson } from './int64';
import {
  identityNames,
  inheritIdentity,
  recordPath,
  refuseAttributeCount,
  refuseDepth,
  type RecordShape,
} from './recordShape';

/*
 * OTLP/JSON logs (`ExportLogsServiceRequest`, as the OTLP/JSON mapping writes it: lowerCamelCase
 * keys, int64 as decimal strings, trace ids as hex) decoded into records. Pure; refuses the whole
 * request with the path of the first thing that is not OTLP/JSON.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An optional repeated field: absent is empty, anything but an array is refused. */
function repeated(value: unknown, where: () => string): readonly unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) refuse('invalid', `${where()} must be an array`);
  return value;
}

function objectAt(value: unknown, where: () => string): Json {
  if (!isObject(value)) refuse('invalid', `${where()} must be an object`);
  return value;
}

const specialDoubles: Readonly<Record<string, number>> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

function doubleFromJson(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const special = specialDoubles[value];
  if (special !== undefined) return special;
  const number = value.trim() === '' ? NaN : Number(value);
  return Number.isNaN(number) ? undefined : number;
}

/** An AnyValue as a plain value: arrays, null-prototype objects for key-value lists, bytes as Uint8Array. */
function anyValue(value: unknown, depth: number, shape: RecordShape, where: () => string): unknown {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) refuse('invalid', `${where()}: an AnyValue must be an object such as {"stringValue": "…"}`);
  if ('stringValue' in value) {
    if (typeof value.stringValue !== 'string') refuse('invalid', `${where()}: stringValue must be a string`);
    return value.stringValue;
  }
  if ('intValue' in value) {
    const int = int64FromJson(value.intValue);
    if (int === undefined) {
      refuse(
        'invalid',
        `${where()}: intValue ${JSON.stringify(value.intValue)} is not an int64 ` +
          '(a decimal integer string within ±9223372036854775807, or a JSON integer within ±2^53)'
      );
    }
    return int;
  }
  if ('doubleValue' in value) {
    const double = doubleFromJson(value.doubleValue);
    if (double === undefined) refuse('invalid', `${where()}: doubleValue must be a number`);
    return double;
  }
  if ('boolValue' in value) {
    if (typeof value.boolValue !== 'boolean') refuse('invalid', `${where()}: boolValue must be true or false`);
    return value.boolValue;
  }
  if ('bytesValue' in value) {
    if (typeof value.bytesValue !== 'string') refuse('invalid', `${where()}: bytesValue must be base64 text`);
    return new Uint8Array(Buffer.from(value.bytesValue, 'base64'));
  }
  if ('arrayValue' in value || 'kvlistValue' in value) {
    if (depth >= shape.maxAttributeDepth) refuseDepth(where(), shape);
    if ('arrayValue' in value) {
      const array = objectAt(value.arrayValue, where);
      return repeated(array.values, where).map((item) => anyValue(item, depth + 1, shape, where));
    }
    const list = objectAt(value.kvlistValue, where);
    return keyValues(repeated(list.values, where), depth + 1, shape, where, newAttributes());
  }
  // An empty AnyValue ({}) is "no value", as the OTel JS serializer writes an absent body.
  return undefined;
}

function keyValues(
  entries: readonly unknown[],
  depth: number,
  shape: RecordShape,
  where: () => string,
  into: Record<string, unknown>
): Record<string, unknown> {
  for (const entry of entries) {
    const keyValue = objectAt(entry, where);
    if (typeof keyValue.key !== 'string') refuse('invalid', `${where()}: every attribute needs a string key`);
    const key = keyValue.key;
    into[key] = anyValue(keyValue.value, depth, shape, () => `${where()} attribute ${JSON.stringify(key)}`);
  }
  return into;
}

/** Identity attributes of a resource or scope, which records without their own inherit. */
function inheritedIdentity(
  holder: unknown,
  names: readonly string[],
  shape: RecordShape,
  where: () => string
): [string, unknown][] {
  if (!isObject(holder)) return [];
  const entries = repeated(holder.attributes, where);
  if (entries.length === 0) return [];
  const attributes = keyValues(entries, 1, shape, where, newAttributes());
  return names.filter((name) => attributes[name] !== undefined).map((name) => [name, attributes[name]]);
}

/** A uint64 of nanoseconds (decimal string or number) in ms; 0 or absent is "not set". */
function nanosToMs(value: unknown, where: () => string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const valid =
    typeof value === 'string' ? /^\d{1,20}$/.test(value) : Number.isInteger(value) && (value as number) >= 0;
  if (!valid) refuse('invalid', `${where()} must be a uint64 of nanoseconds (a decimal string)`);
  const nanos = Number(value);
  return nanos > 0 ? nanos / 1e6 : undefined;
}

/** Trace and span ids are hex in OTLP/JSON; anything else, or all zeros, is "no id" (they only feed exemplars). */
function hexId(value: unknown, length: number): string | undefined {
  if (typeof value !== 'string' || value.length !== length) return undefined;
  const id = value.toLowerCase();
  return /^[0-9a-f]+$/.test(id) && !/^0+$/.test(id) ? id : undefined;
}

/** Decodes a parsed OTLP/JSON body; `nowMs` times records that carry no time. */
export function decodeLogsJson(body: unknown, shape: RecordShape, nowMs: number): IngestRecord[] {
  if (!isObject(body)) refuse('invalid', 'the body must be a JSON object: an OTLP ExportLogsServiceRequest');
  if (body.resourceLogs === undefined && Object.keys(body).length > 0) {
    refuse('invalid', 'expected an OTLP ExportLogsServiceRequest: an object with a resourceLogs array');
  }
  const names = identityNames(shape);
  const records: IngestRecord[] = [];
  repeated(body.resourceLogs, () => 'resourceLogs').forEach((resourceValue, r) => {
    const resourceLogs = objectAt(resourceValue, () => `resourceLogs[${r}]`);
    const fromResource = inheritedIdentity(resourceLogs.resource, names, shape, () => `resourceLogs[${r}].resource`);
    repeated(resourceLogs.scopeLogs, () => `resourceLogs[${r}].scopeLogs`).forEach((scopeValue, s) => {
      const scopeLogs = objectAt(scopeValue, () => `resourceLogs[${r}].scopeLogs[${s}]`);
      const fromScope = inheritedIdentity(
        scopeLogs.scope,
        names,
        shape,
        () => `resourceLogs[${r}].scopeLogs[${s}].scope`
      );
      const inherited = [...fromScope, ...fromResource];
      const logRecords = repeated(scopeLogs.logRecords, () => `resourceLogs[${r}].scopeLogs[${s}].logRecords`);
      for (let k = 0; k < logRecords.length; k++) {
        const where = () => recordPath(r, s, k);
        const record = objectAt(logRecords[k], where);
        const entries = repeated(record.attributes, () => `${where()}.attributes`);
        if (entries.length > shape.maxAttributes) refuseAttributeCount(where(), entries.length, shape);
        const attributes = keyValues(entries, 1, shape, where, newAttributes());
        if (inherited.length > 0) inheritIdentity(attributes, inherited);
        const eventName = record.eventName;
        if (eventName !== undefined && typeof eventName !== 'string')
          refuse('invalid', `${where()}.eventName must be a string`);
        const name = eventName !== undefined && eventName !== '' ? eventName : attributes[eventNameAttribute];
        // Records without an event name are ordinary logs: accepted, not product events.
        if (name === undefined) continue;
        records.push({
          kind: 'event',
          name,
          attributes,
          timestampMs:
            nanosToMs(record.timeUnixNano, () => `${where()}.timeUnixNano`) ??
            nanosToMs(record.observedTimeUnixNano, () => `${where()}.observedTimeUnixNano`) ??
            nowMs,
          traceId: hexId(record.traceId, 32),
          spanId: hexId(record.spanId, 16),
        });
      }
    });
  });
  return records;
}
