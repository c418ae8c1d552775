import { createRequire } from 'node:module';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import type * as Transformer from '@opentelemetry/otlp-transformer';
import { defaultIdentityAttributes } from '../../ingest/identity';
import { Refusal } from '../refusal';
import { decodeLogsJson } from './logsJson';
import { decodeLogsProto } from './logsProto';
import { lengthDelimitedField } from './protoWriter';
import type { RecordShape } from './recordShape';

/*
 * One mapping: the protobuf and the JSON the real OTLP exporters send decode into the same records.
 * The bytes come from the serializer @opentelemetry/exporter-logs-otlp-proto and -otlp-http use
 * (their own @opentelemetry/otlp-transformer), fed by real sdk-logs records.
 */
const fromExporter = createRequire(require.resolve('@opentelemetry/exporter-logs-otlp-proto'));
const { JsonLogsSerializer, ProtobufLogsSerializer } = fromExporter(
  '@opentelemetry/otlp-transformer'
) as typeof Transformer;

const shape: RecordShape = { maxAttributeDepth: 8, maxAttributes: 128, identity: defaultIdentityAttributes };
const traceId = '5b8efff798038103d269b633813fc60c';
const spanId = 'eee19b7ec3c1b174';

async function exportedRecords() {
  const memory = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: memory })] });
  const logger = provider.getLogger('shop');
  const traced = trace.setSpanContext(context.active(), { traceId, spanId, traceFlags: TraceFlags.SAMPLED });
  logger.emit({
    eventName: 'payment_succeeded',
    timestamp: new Date('2026-01-31T12:00:00.123Z'),
    context: traced,
    attributes: {
      'user.id': 'u-1',
      payment_provider: 'stripe',
      amount: 59.9,
      items: 3,
      refunds: -2,
      express: true,
      tags: ['a', 'b'],
      address: { city: 'Berlin', zip: 10115 } as never,
    },
  });
  logger.emit({ attributes: { 'event.name': 'signed_up', 'anonymous.id': 'a-1' } });
  logger.emit({ body: 'an ordinary log line', attributes: { 'user.id': 'u-1' } });
  await provider.forceFlush();
  return memory.getFinishedLogRecords();
}

describe('OTLP protobuf and JSON decode into the same records', () => {
  it('reads what the real exporters send, identically', async () => {
    const logs = await exportedRecords();
    const proto = Buffer.from(ProtobufLogsSerializer.serializeRequest(logs) ?? []);
    const json = JSON.parse(Buffer.from(JsonLogsSerializer.serializeRequest(logs) ?? []).toString());
    const now = Date.UTC(2026, 0, 31, 13);
    const fromProto = decodeLogsProto(proto, shape, now);
    const fromJson = decodeLogsJson(json, shape, now);
    expect(fromProto).toEqual(fromJson);

    // The ordinary log line is not an event; the other two are.
    expect(fromProto).toHaveLength(2);
    const [paid, signedUp] = fromProto;
    expect(paid).toMatchObject({
      kind: 'event',
      name: 'payment_succeeded',
      timestampMs: Date.UTC(2026, 0, 31, 12, 0, 0, 123),
      traceId,
      spanId,
    });
    const attributes = paid?.kind === 'event' ? paid.attributes : {};
    expect({ ...attributes }).toEqual({
      'user.id': 'u-1',
      payment_provider: 'stripe',
      amount: 59.9,
      items: 3,
      refunds: -2,
      express: true,
      tags: ['a', 'b'],
      address: expect.objectContaining({ city: 'Berlin', zip: 10115 }),
    });
    expect(signedUp).toMatchObject({ kind: 'event', name: 'signed_up', traceId: undefined });
  });

  it('lets records inherit identity attributes from their resource (the Collector groupbyattrs case)', () => {
    const request = {
      resourceLogs: [
        {
          resource: { attributes: [{ key: 'user.id', value: { stringValue: 'grouped-user' } }] },
          scopeLogs: [
            {
              logRecords: [
                { eventName: 'a', attributes: [] },
                { eventName: 'b', attributes: [{ key: 'user.id', value: { stringValue: 'own-user' } }] },
              ],
            },
          ],
        },
      ],
    };
    const records = decodeLogsJson(request, shape, 1);
    expect(records.map((r) => (r.kind === 'event' ? r.attributes['user.id'] : undefined))).toEqual([
      'grouped-user',
      'own-user',
    ]);
  });
});

describe('attribute bags have no prototype', () => {
  it('keeps "__proto__" an attribute and leaves "constructor" absent, in protobuf and JSON alike', () => {
    // LogRecord { attributes: [{ key: "__proto__", value: { stringValue: "x" } }], event_name: "e" }
    const keyValue = Buffer.concat([
      lengthDelimitedField(1, '__proto__'),
      lengthDelimitedField(2, lengthDelimitedField(1, 'x')),
    ]);
    const logRecord = Buffer.concat([lengthDelimitedField(6, keyValue), lengthDelimitedField(12, 'e')]);
    const request = lengthDelimitedField(1, lengthDelimitedField(2, lengthDelimitedField(2, logRecord)));
    const json = JSON.parse(
      '{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"eventName":"e","attributes":[{"key":"__proto__","value":{"stringValue":"x"}}]}]}]}]}'
    );
    for (const [record] of [decodeLogsProto(request, shape, 1), decodeLogsJson(json, shape, 1)]) {
      const attributes = record?.kind === 'event' ? record.attributes : {};
      expect(Object.getPrototypeOf(attributes)).toBeNull();
      expect(Object.getOwnPropertyDescriptor(attributes, '__proto__')?.value).toBe('x');
      expect(attributes.constructor).toBeUndefined();
    }
  });
});

describe('the protobuf reader refuses what is not a message', () => {
  const refusal = (bytes: number[]) => {
    try {
      decodeLogsProto(Buffer.from(bytes), shape, 1);
    } catch (error) {
      return error instanceof Refusal ? `${error.kind}: ${error.message}` : `thrown: ${String(error)}`;
    }
    return 'accepted';
  };

  it.each([
    ['a truncated length', [0x0a, 0x05, 0x12]],
    ['a group wire type', [0x0b]],
    ['a field of the wrong wire type', [0x08, 0x01]],
    ['a varint that never ends', [0x0a, 0x02, 0x12, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80]],
  ])('%s', (_what, bytes) => {
    expect(refusal(bytes)).toMatch(/^invalid: not a valid/);
  });

  it('accepts an empty request', () => {
    expect(refusal([])).toBe('accepted');
  });
});
