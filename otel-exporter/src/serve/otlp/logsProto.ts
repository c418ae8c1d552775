import { eventNameAttribute } from '../../ingest/identity';
import { newAttributes, type IngestRecord } from '../ingestRecords';
import { refuse } from '../refusal';
import { ProtoReader, wireType } from './protoReader';
import {
  identityNames,
  inheritIdentity,
  recordPath,
  refuseAttributeCount,
  refuseDepth,
  type RecordShape,
} from './recordShape';

/*
 * OTLP/protobuf logs (`opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest`) decoded
 * straight from the wire into records: only the fields a product event needs are read, the rest
 * (bodies, severities, schema URLs) skipped without being parsed. Field numbers from
 * opentelemetry-proto's logs.proto, common.proto and resource.proto.
 */

const field = {
  request: { resourceLogs: 1 },
  resourceLogs: { resource: 1, scopeLogs: 2 },
  resource: { attributes: 1 },
  scopeLogs: { scope: 1, logRecords: 2 },
  scope: { attributes: 3 },
  logRecord: { timeUnixNano: 1, attributes: 6, traceId: 9, spanId: 10, observedTimeUnixNano: 11, eventName: 12 },
  keyValue: { key: 1, value: 2 },
  anyValue: { string: 1, bool: 2, int: 3, double: 4, array: 5, kvlist: 6, bytes: 7 },
  /** ArrayValue.values and KeyValueList.values. */
  values: 1,
} as const;

function wrongWireType(number: number, type: number): never {
  refuse(
    'invalid',
    `not a valid ExportLogsServiceRequest: a field ${number} has wire type ${type}, which its type never uses`
  );
}

class LogsDecoder {
  private readonly reader: ProtoReader;
  private readonly names: readonly string[];

  constructor(
    bytes: Buffer,
    private readonly shape: RecordShape,
    private readonly nowMs: number
  ) {
    this.reader = new ProtoReader(bytes);
    this.names = identityNames(shape);
  }

  /** Reads `(tag)` pairs up to `end`, calling `onField(number, wire type)`, which must consume the field. */
  private fields(end: number, onField: (number: number, type: number) => void): void {
    const reader = this.reader;
    while (reader.pos < end) {
      const tag = reader.uint32();
      onField(tag >>> 3, tag & 7);
    }
    if (reader.pos !== end) refuse('invalid', 'not a valid protobuf message: a field runs past its message');
  }

  /** Reads a length-delimited sub-message with `onField`, after checking its wire type. */
  private message(type: number, number: number, onField: (number: number, type: number) => void): void {
    if (type !== wireType.lengthDelimited) wrongWireType(number, type);
    this.fields(this.reader.lengthDelimited(), onField);
  }

  decode(): IngestRecord[] {
    const records: IngestRecord[] = [];
    let resource = 0;
    this.fields(this.reader.bytes.length, (number, type) => {
      if (number !== field.request.resourceLogs) return this.reader.skip(type);
      this.resourceLogs(type, resource++, records);
    });
    return records;
  }

  private resourceLogs(type: number, r: number, records: IngestRecord[]): void {
    // Encoders write the resource first; a resource after its scopes lends them no identities.
    const fromResource: [string, unknown][] = [];
    let scope = 0;
    this.message(type, field.request.resourceLogs, (number, inner) => {
      if (number === field.resourceLogs.resource) {
        this.message(inner, number, (attribute, attributeType) => {
          if (attribute !== field.resource.attributes) return this.reader.skip(attributeType);
          this.inherit(attributeType, fromResource, () => `resourceLogs[${r}].resource`);
        });
      } else if (number === field.resourceLogs.scopeLogs) {
        this.scopeLogs(inner, r, scope++, fromResource, records);
      } else {
        this.reader.skip(inner);
      }
    });
  }

  private scopeLogs(
    type: number,
    r: number,
    s: number,
    fromResource: [string, unknown][],
    records: IngestRecord[]
  ): void {
    const inherited: [string, unknown][] = [];
    let record = 0;
    this.message(type, field.resourceLogs.scopeLogs, (number, inner) => {
      if (number === field.scopeLogs.scope) {
        this.message(inner, number, (attribute, attributeType) => {
          if (attribute !== field.scope.attributes) return this.reader.skip(attributeType);
          this.inherit(attributeType, inherited, () => `resourceLogs[${r}].scopeLogs[${s}].scope`);
        });
      } else if (number === field.scopeLogs.logRecords) {
        const event = this.logRecord(inner, r, s, record++, [...inherited, ...fromResource]);
        if (event !== undefined) records.push(event);
      } else {
        this.reader.skip(inner);
      }
    });
  }

  /** Keeps the identity attributes of a resource or scope, for records that lack their own. */
  private inherit(type: number, into: [string, unknown][], where: () => string): void {
    const attributes = newAttributes();
    this.keyValue(type, attributes, 1, where);
    for (const name of this.names) {
      if (attributes[name] !== undefined) into.push([name, attributes[name]]);
    }
  }

  private logRecord(
    type: number,
    r: number,
    s: number,
    k: number,
    inherited: [string, unknown][]
  ): IngestRecord | undefined {
    const reader = this.reader;
    const where = () => recordPath(r, s, k);
    const attributes = newAttributes();
    let count = 0;
    let time = 0;
    let observedTime = 0;
    let eventName = '';
    let traceId: string | undefined;
    let spanId: string | undefined;
    this.message(type, field.scopeLogs.logRecords, (number, inner) => {
      switch (number) {
        case field.logRecord.attributes:
          count++;
          this.keyValue(inner, attributes, 1, where);
          return;
        case field.logRecord.eventName:
          if (inner !== wireType.lengthDelimited) wrongWireType(number, inner);
          eventName = reader.string();
          return;
        case field.logRecord.timeUnixNano:
        case field.logRecord.observedTimeUnixNano: {
          if (inner !== wireType.fixed64) wrongWireType(number, inner);
          const nanos = reader.fixed64();
          if (number === field.logRecord.timeUnixNano) time = nanos;
          else observedTime = nanos;
          return;
        }
        case field.logRecord.traceId:
        case field.logRecord.spanId: {
          if (inner !== wireType.lengthDelimited) wrongWireType(number, inner);
          const id = reader.hex();
          const valid = id.length === (number === field.logRecord.traceId ? 32 : 16) && !/^0+$/.test(id);
          if (number === field.logRecord.traceId) traceId = valid ? id : undefined;
          else spanId = valid ? id : undefined;
          return;
        }
        default:
          reader.skip(inner);
      }
    });
    // The record is bounded by the body size; counting all of its attributes names the real number.
    if (count > this.shape.maxAttributes) refuseAttributeCount(where(), count, this.shape);
    if (inherited.length > 0) inheritIdentity(attributes, inherited);
    const name = eventName !== '' ? eventName : attributes[eventNameAttribute];
    // Records without an event name are ordinary logs: accepted, not product events.
    if (name === undefined) return undefined;
    const nanos = time > 0 ? time : observedTime;
    return { kind: 'event', name, attributes, timestampMs: nanos > 0 ? nanos / 1e6 : this.nowMs, traceId, spanId };
  }

  /** A KeyValue message into `into`; `depth` 1 is a record's own attribute. */
  private keyValue(type: number, into: Record<string, unknown>, depth: number, where: () => string): void {
    let key = '';
    let value: unknown;
    this.message(type, field.logRecord.attributes, (number, inner) => {
      if (number === field.keyValue.key) {
        if (inner !== wireType.lengthDelimited) wrongWireType(number, inner);
        key = this.reader.string();
      } else if (number === field.keyValue.value) {
        value = this.anyValue(inner, depth, () => `${where()} attribute ${JSON.stringify(key)}`);
      } else {
        this.reader.skip(inner);
      }
    });
    into[key] = value;
  }

  private anyValue(type: number, depth: number, where: () => string): unknown {
    const reader = this.reader;
    let value: unknown;
    this.message(type, field.keyValue.value, (number, inner) => {
      switch (number) {
        case field.anyValue.string:
          if (inner !== wireType.lengthDelimited) wrongWireType(number, inner);
          value = reader.string();
          return;
        case field.anyValue.bool:
          if (inner !== wireType.varint) wrongWireType(number, inner);
          value = reader.uint32() !== 0;
          return;
        case field.anyValue.int:
          if (inner !== wireType.varint) wrongWireType(number, inner);
          value = reader.int64();
          return;
        case field.anyValue.double:
          if (inner !== wireType.fixed64) wrongWireType(number, inner);
          value = reader.double();
          return;
        case field.anyValue.bytes:
          if (inner !== wireType.lengthDelimited) wrongWireType(number, inner);
          value = reader.bytesField();
          return;
        case field.anyValue.array:
        case field.anyValue.kvlist: {
          if (depth >= this.shape.maxAttributeDepth) refuseDepth(where(), this.shape);
          const isArray = number === field.anyValue.array;
          const items: unknown[] = [];
          const entries = newAttributes();
          this.message(inner, number, (item, itemType) => {
            if (item !== field.values) return reader.skip(itemType);
            if (isArray) items.push(this.anyValue(itemType, depth + 1, where));
            else this.keyValue(itemType, entries, depth + 1, where);
          });
          value = isArray ? items : entries;
          return;
        }
        default:
          reader.skip(inner);
      }
    });
    return value;
  }
}

/** Decodes an OTLP/protobuf body; `nowMs` times records that carry no time. */
export function decodeLogsProto(bytes: Buffer, shape: RecordShape, nowMs: number): IngestRecord[] {
  return new LogsDecoder(bytes, shape, nowMs).decode();
}
